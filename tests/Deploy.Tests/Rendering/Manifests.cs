using System.Text;
using System.Text.Json.Nodes;

namespace Conversations.Deploy.Tests.Rendering;

/// <summary>One overlay of <c>deploy/k8s</c>, rendered, with the questions the tests ask of it.</summary>
internal sealed class Manifests(string overlay, IReadOnlyList<JsonObject> objects)
{
    public const string Silo = "conversations-silo";
    public const string Gateway = "conversations-gateway";
    public const string Migration = "conversations-migrate";

    public static readonly string[] Overlays = ["dev", "prod"];

    /// <summary>
    /// Secrets an overlay expects to be created outside the repository (docs/deploy.md), with the keys it
    /// needs. Their values stand in for the real ones when an environment is resolved.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> ExternalSecrets =
        new Dictionary<string, IReadOnlyDictionary<string, string[]>>
        {
            ["dev"] = new Dictionary<string, string[]>(),
            ["prod"] = new Dictionary<string, string[]>
            {
                ["conversations-postgres"] = ["connection-string"],
                ["conversations-auth"] = ["signing-key"],
                ["conversations-cluster-tls"] = ["tls.crt", "tls.key", "ca.crt"],
                ["conversations-gateway-tls"] = ["tls.crt", "tls.key"],
            },
        };

    public string Overlay { get; } = overlay;

    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    /// <summary>What renders the overlays: kubectl where it is installed, else the tests' own Kustomize subset.</summary>
    public static string Renderer => KubectlKustomize.Path is { } kubectl ? $"{kubectl} kustomize" : "the tests' Kustomize subset";

    /// <summary>The overlay as <c>kubectl kustomize</c> renders it where kubectl is installed, else as the subset does.</summary>
    public static Manifests Render(string overlay) =>
        new(overlay, KubectlKustomize.Path is null ? RenderWithSubset(overlay) : KubectlKustomize.Render(Folder(overlay)));

    /// <summary>The overlay as the tests' Kustomize subset renders it (<see cref="Kustomization"/>).</summary>
    public static IReadOnlyList<JsonObject> RenderWithSubset(string overlay) => Kustomization.Render(Folder(overlay));

    public static string Folder(string overlay) => Path.Combine(RepositoryPaths.Root, "deploy", "k8s", "overlays", overlay);

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => Kustomization.Kind(o) == kind);

    public JsonObject Get(string kind, string name) =>
        Find(kind, name) ?? throw new InvalidOperationException($"{Overlay}: no {kind} named {name}");

    public JsonObject? Find(string kind, string name) => OfKind(kind).SingleOrDefault(o => Kustomization.Name(o) == name);

    /// <summary>Every workload with its pod template: Deployments, StatefulSets and Jobs.</summary>
    public IEnumerable<(JsonObject Workload, JsonObject Pod)> Workloads() =>
        Objects.Where(o => Kustomization.Kind(o) is "Deployment" or "StatefulSet" or "Job")
            .Select(o => (o, o["spec"]!["template"]!.AsObject()));

    public static JsonObject PodSpec(JsonObject workload) => workload["spec"]!["template"]!["spec"]!.AsObject();

    public static IEnumerable<JsonObject> Containers(JsonObject podSpec) =>
        (podSpec["containers"] as JsonArray ?? []).Concat(podSpec["initContainers"] as JsonArray ?? []).Cast<JsonObject>();

    /// <summary>The one container of <paramref name="workload"/> (a Deployment or Job by name).</summary>
    public JsonObject Container(string kind, string workload) => Containers(PodSpec(Get(kind, workload))).Single();

    /// <summary>
    /// The environment Kubernetes gives <paramref name="container"/>: <c>envFrom</c> ConfigMaps and Secrets,
    /// then <c>env</c> (which wins), with <c>status.podIP</c> as <paramref name="podIp"/>. A reference to a
    /// ConfigMap, Secret or key that is not rendered fails, unless it is marked optional.
    /// </summary>
    public Dictionary<string, string> Environment(JsonObject container, string podIp)
    {
        var environment = new Dictionary<string, string>();
        foreach (var source in container["envFrom"] as JsonArray ?? [])
        {
            if (source!["configMapRef"] is JsonObject configMap)
            {
                Add(environment, Data("ConfigMap", configMap));
            }
            else if (source["secretRef"] is JsonObject secret)
            {
                Add(environment, Data("Secret", secret));
            }
        }

        foreach (var variable in (container["env"] as JsonArray ?? []).Cast<JsonObject>())
        {
            var name = (string)variable["name"]!;
            environment[name] = variable["valueFrom"] switch
            {
                null => (string?)variable["value"] ?? string.Empty,
                JsonObject { } from when from["fieldRef"] is JsonObject field =>
                    (string)field["fieldPath"]! == "status.podIP" ? podIp : throw new NotSupportedException((string)field["fieldPath"]!),
                JsonObject { } from when from["secretKeyRef"] is JsonObject key => Key("Secret", key),
                JsonObject { } from when from["configMapKeyRef"] is JsonObject key => Key("ConfigMap", key),
                var other => throw new NotSupportedException(other.ToJsonString()),
            };
        }

        return environment;
    }

    /// <summary>Every (Secret, key) that containers take a value from, and every Secret mounted as a volume (no key).</summary>
    public IEnumerable<(string Secret, string? Key, bool Optional)> SecretReferences() =>
        Workloads().SelectMany(w => Containers(PodSpec(w.Workload))).SelectMany(container =>
            (container["envFrom"] as JsonArray ?? []).Select(s => s!["secretRef"]).OfType<JsonObject>()
                .Select(s => ((string)s["name"]!, (string?)null, (string?)s["optional"] == "true"))
                .Concat((container["env"] as JsonArray ?? []).Select(e => e!["valueFrom"]?["secretKeyRef"]).OfType<JsonObject>()
                    .Select(s => ((string)s["name"]!, (string?)s["key"], (string?)s["optional"] == "true"))))
            .Concat(Workloads().SelectMany(w => PodSpec(w.Workload)["volumes"] as JsonArray ?? []).Select(v => v!["secret"]).OfType<JsonObject>()
                .Select(s => ((string)s["secretName"]!, (string?)null, (string?)s["optional"] == "true")));

    /// <summary>
    /// The file <paramref name="path"/> names in <paramref name="container"/>'s mounts, as (Secret, key), or
    /// <see langword="null"/> when no Secret volume is mounted there.
    /// </summary>
    public static (string Secret, string Key)? SecretFile(JsonObject podSpec, JsonObject container, string path)
    {
        foreach (var mount in (container["volumeMounts"] as JsonArray ?? []).Cast<JsonObject>())
        {
            var at = ((string)mount["mountPath"]!).TrimEnd('/') + "/";
            var volume = (podSpec["volumes"] as JsonArray ?? []).Cast<JsonObject>().SingleOrDefault(v => (string?)v["name"] == (string?)mount["name"]);
            if (path.StartsWith(at, StringComparison.Ordinal) && volume?["secret"] is JsonObject secret)
            {
                return ((string)secret["secretName"]!, path[at.Length..]);
            }
        }

        return null;
    }

    /// <summary>A Secret's values, from <c>stringData</c> or base64 <c>data</c>.</summary>
    public static Dictionary<string, string> SecretValues(JsonObject secret)
    {
        var values = (secret["stringData"] as JsonObject ?? []).ToDictionary(p => p.Key, p => (string)p.Value!);
        foreach (var (key, value) in secret["data"] as JsonObject ?? [])
        {
            values[key] = Encoding.UTF8.GetString(Convert.FromBase64String((string)value!));
        }

        return values;
    }

    private static void Add(Dictionary<string, string> environment, Dictionary<string, string> values)
    {
        foreach (var (key, value) in values)
        {
            environment[key] = value;
        }
    }

    private Dictionary<string, string> Data(string kind, JsonObject reference)
    {
        var found = Find(kind, (string)reference["name"]!);
        if (found is null && kind == "Secret" && ExternalSecrets[Overlay].TryGetValue((string)reference["name"]!, out var keys))
        {
            return keys.ToDictionary(key => key, key => $"<{key} of the external Secret {(string)reference["name"]!}>");
        }

        if (found is null)
        {
            return (string?)reference["optional"] == "true"
                ? []
                : throw new InvalidOperationException($"{Overlay}: {kind} {(string)reference["name"]!} is referenced but not rendered");
        }

        return kind == "Secret" ? SecretValues(found) : (found["data"] as JsonObject ?? []).ToDictionary(p => p.Key, p => (string)p.Value!);
    }

    private string Key(string kind, JsonObject reference)
    {
        var values = Data(kind, reference);
        var key = (string)reference["key"]!;
        return values.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"{Overlay}: {kind} {(string)reference["name"]!} has no key {key}");
    }
}
