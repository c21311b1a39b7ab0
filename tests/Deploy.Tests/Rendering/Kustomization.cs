using System.Text.Json.Nodes;

namespace Conversations.Deploy.Tests.Rendering;

/// <summary>
/// The part of Kustomize these manifests use, so that the tests need no kubectl: <c>resources</c> (files and
/// folders), <c>patches</c> (strategic merge patches, matched by kind and name; lists of named items merge
/// by name), <c>images</c>, <c>namespace</c> and <c>labels</c> (metadata only). Anything else in a
/// kustomization.yaml fails the rendering, so that a manifest this does not understand cannot pass.
/// </summary>
internal static class Kustomization
{
    private static readonly HashSet<string> Understood = ["apiVersion", "kind", "resources", "patches", "images", "namespace", "labels"];

    public static IReadOnlyList<JsonObject> Render(string folder)
    {
        var kustomization = Yaml.ReadDocuments(Path.Combine(folder, "kustomization.yaml")).Single();
        var unknown = kustomization.Select(pair => pair.Key).Where(key => !Understood.Contains(key)).ToList();
        if (unknown.Count > 0)
        {
            throw new NotSupportedException($"{folder}/kustomization.yaml uses {string.Join(", ", unknown)}, which the test's renderer does not implement");
        }

        var objects = new List<JsonObject>();
        foreach (var resource in Strings(kustomization["resources"]))
        {
            var path = Path.GetFullPath(Path.Combine(folder, resource));
            objects.AddRange(Directory.Exists(path) ? Render(path) : Yaml.ReadDocuments(path));
        }

        foreach (var patch in (kustomization["patches"] as JsonArray ?? []).Select(p => (string)p!["path"]!))
        {
            foreach (var document in Yaml.ReadDocuments(Path.Combine(folder, patch)))
            {
                var target = objects.SingleOrDefault(o => Kind(o) == Kind(document) && Name(o) == Name(document))
                    ?? throw new InvalidOperationException($"{patch}: no {Kind(document)} named {Name(document)} to patch");
                Merge(target, document);
            }
        }

        foreach (var image in kustomization["images"] as JsonArray ?? [])
        {
            SetImage(objects, (string)image!["name"]!, (string?)image["newName"], (string?)image["newTag"]);
        }

        if ((string?)kustomization["namespace"] is { } ns)
        {
            objects.ForEach(o => o["metadata"]!["namespace"] = ns);
        }

        foreach (var label in kustomization["labels"] as JsonArray ?? [])
        {
            foreach (var o in objects)
            {
                var labels = o["metadata"]!["labels"] as JsonObject ?? [];
                o["metadata"]!["labels"] = labels;
                foreach (var (key, value) in label!["pairs"]!.AsObject())
                {
                    labels[key] = value!.DeepClone();
                }
            }
        }

        return objects;
    }

    public static string Kind(JsonObject o) => (string)o["kind"]!;

    public static string Name(JsonObject o) => (string)o["metadata"]!["name"]!;

    private static IEnumerable<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(n => (string)n!);

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            switch (target[key], value)
            {
                case (JsonObject to, JsonObject from):
                    Merge(to, from);
                    break;
                case (JsonArray to, JsonArray from) when from.All(item => item is JsonObject { } named && named.ContainsKey("name")):
                    foreach (var item in from.Cast<JsonObject>())
                    {
                        var match = to.OfType<JsonObject>().FirstOrDefault(t => (string?)t["name"] == (string?)item["name"]);
                        if (match is null)
                        {
                            to.Add(item.DeepClone());
                        }
                        else
                        {
                            Merge(match, item);
                        }
                    }

                    break;
                default:
                    target[key] = value?.DeepClone();
                    break;
            }
        }
    }

    private static void SetImage(IEnumerable<JsonNode?> nodes, string name, string? newName, string? newTag)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["image"] is JsonValue image && (string)image! is var current && (current == name || current.StartsWith(name + ":", StringComparison.Ordinal)))
                    {
                        var tag = newTag ?? (current.Contains(':', StringComparison.Ordinal) ? current[(current.IndexOf(':', StringComparison.Ordinal) + 1)..] : null);
                        o["image"] = (newName ?? name) + (tag is null ? string.Empty : ":" + tag);
                    }

                    SetImage(o.Select(pair => pair.Value), name, newName, newTag);
                    break;
                case JsonArray a:
                    SetImage(a, name, newName, newTag);
                    break;
            }
        }
    }
}
