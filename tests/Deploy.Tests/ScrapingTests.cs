using System.Globalization;
using System.Text.Json.Nodes;
using Conversations.Deploy.Tests.Rendering;
using Conversations.Grains.Telemetry;

namespace Conversations.Deploy.Tests;

// Prometheus finds the pods' /metrics: by annotation, or by the optional Prometheus Operator component.
public sealed class ScrapingTests
{
    private static readonly string MetricsPath = new TelemetryOptions().MetricsPath;

    public static TheoryData<string> Overlays => [.. Manifests.Overlays];

    public static TheoryData<string> Workloads => [Manifests.Silo, Manifests.Gateway];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void PodsAreAnnotatedForScrapingOnTheirHttpPortAndMetricsPath(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        foreach (var name in new[] { Manifests.Silo, Manifests.Gateway })
        {
            var annotations = manifests.Get("Deployment", name)["spec"]!["template"]!["metadata"]!["annotations"]!;
            var container = manifests.Container("Deployment", name);
            Assert.Equal("true", (string?)annotations["prometheus.io/scrape"]);
            Assert.Equal(HttpPort(container), int.Parse((string)annotations["prometheus.io/port"]!, CultureInfo.InvariantCulture));
            Assert.Equal(ServedPath(manifests, container), (string?)annotations["prometheus.io/path"]);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void NetworkPoliciesLetTheMonitoringNamespaceReachTheMetricsPort(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        foreach (var name in new[] { Manifests.Silo, Manifests.Gateway })
        {
            var port = HttpPort(manifests.Container("Deployment", name));
            var rules = manifests.Get("NetworkPolicy", name)["spec"]!["ingress"]!.AsArray();
            Assert.Contains(rules, rule =>
                rule!["from"]!.AsArray().Any(from => (string?)from!["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"] == "monitoring")
                && rule["ports"]!.AsArray().Any(p => int.Parse((string)p!["port"]!, CultureInfo.InvariantCulture) == port));
        }
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void ThePrometheusOperatorComponentMonitorsEachWorkloadsMetrics(string name)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "deploy", "k8s", "components", "prometheus-operator");
        var component = Yaml.ReadDocuments(Path.Combine(folder, "kustomization.yaml")).Single();
        Assert.Equal("Component", (string?)component["kind"]);
        var monitors = component["resources"]!.AsArray()
            .SelectMany(resource => Yaml.ReadDocuments(Path.Combine(folder, (string)resource!)))
            .Where(o => Kustomization.Kind(o) == "PodMonitor")
            .ToList();

        foreach (var overlay in Manifests.Overlays)
        {
            var manifests = Manifests.Render(overlay);
            var labels = manifests.Get("Deployment", name)["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
            var container = manifests.Container("Deployment", name);
            var monitor = Assert.Single(monitors, m => Selects(m, labels));
            var endpoint = monitor["spec"]!["podMetricsEndpoints"]!.AsArray().Single()!;
            Assert.Contains(container["ports"]!.AsArray(), p => (string?)p!["name"] == (string?)endpoint["port"]);
            Assert.Equal(HttpPort(container), Port(container, (string)endpoint["port"]!));
            Assert.Equal(ServedPath(manifests, container), (string?)endpoint["path"]);
        }
    }

    private static bool Selects(JsonObject monitor, JsonObject podLabels) =>
        monitor["spec"]!["selector"]!["matchLabels"]!.AsObject().All(pair => (string?)podLabels[pair.Key] == (string?)pair.Value);

    // Where the program serves its metrics: Telemetry:MetricsPath if the manifests set it, else the default.
    private static string ServedPath(Manifests manifests, JsonObject container) =>
        manifests.Environment(container, "10.0.0.1").GetValueOrDefault("Telemetry__MetricsPath") ?? MetricsPath;

    private static int HttpPort(JsonObject container) => Port(container, "http");

    private static int Port(JsonObject container, string name) =>
        container["ports"]!.AsArray().Where(p => (string?)p!["name"] == name)
            .Select(p => int.Parse((string)p!["containerPort"]!, CultureInfo.InvariantCulture))
            .Single();
}
