using System.Text.Json.Nodes;
using Conversations.Deploy.Tests.Rendering;
using Xunit.Abstractions;

namespace Conversations.Deploy.Tests;

/// <summary>
/// The manifests are rendered with <c>kubectl kustomize</c> where kubectl is installed; the tests' own Kustomize
/// subset stays as the renderer elsewhere and as a cross-check of it here.
/// </summary>
public sealed class RendererTests(ITestOutputHelper output)
{
    public static TheoryData<string> Overlays => [.. Manifests.Overlays];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void TheSubsetRendersEachOverlayAsKubectlDoes(string overlay)
    {
        output.WriteLine($"rendered by {Manifests.Renderer}");
        var subset = Canonical(Manifests.RenderWithSubset(overlay));
        Assert.NotEmpty(subset);
        if (KubectlKustomize.Path is null)
        {
            // Nothing to compare with: the assertions of the other tests ran on the subset's rendering.
            output.WriteLine("kubectl is not installed: no cross-check");
            return;
        }

        var kubectl = Canonical(KubectlKustomize.Render(Manifests.Folder(overlay)));
        Assert.Equal(kubectl.Select(o => o.Key), subset.Select(o => o.Key));
        foreach (var ((key, expected), (_, actual)) in kubectl.Zip(subset))
        {
            Assert.True(expected == actual, $"{overlay}: {key} differs\nkubectl: {expected}\nsubset:  {actual}");
        }
    }

    // Each object as JSON with its keys sorted, by kind and name.
    private static List<KeyValuePair<string, string>> Canonical(IEnumerable<JsonObject> objects) =>
        [.. objects
            .Select(o => KeyValuePair.Create($"{Kustomization.Kind(o)}/{Kustomization.Name(o)}", Sorted(o)!.ToJsonString()))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)];

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => KeyValuePair.Create(pair.Key, Sorted(pair.Value)))),
        // Kustomize puts the items a patch adds to a list merged by name first, the subset last: order aside, the same.
        JsonArray a when a.All(item => item is JsonObject named && named.ContainsKey("name")) =>
            new JsonArray([.. a.OrderBy(item => (string?)item!["name"], StringComparer.Ordinal).Select(Sorted)]),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
