using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conversations.Deploy.Tests.Rendering;
using Conversations.Gateway.Hosting;

namespace Conversations.Deploy.Tests;

// deploy/k8s rendered for each overlay and checked against what the programs read and serve.
public sealed class ManifestTests
{
    public static TheoryData<string> Overlays => [.. Manifests.Overlays];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryWorkloadRunsTheImageBuiltForItsProgram(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        var expected = new (string Kind, string Name, string Image)[]
        {
            ("Deployment", Manifests.Silo, "conversations-silo"),
            ("Job", Manifests.Migration, "conversations-silo"),
            ("Deployment", Manifests.Gateway, "conversations-gateway"),
        };

        foreach (var (kind, name, image) in expected)
        {
            var reference = (string)manifests.Container(kind, name)["image"]!;
            Assert.Matches($"(^|/){image}:[A-Za-z0-9._-]+$", reference);
            Assert.DoesNotMatch(":latest$", reference);
        }

        Assert.Equal(["migrate"], manifests.Container("Job", Manifests.Migration)["args"]!.AsArray().Select(a => (string)a!));
    }

    [Theory]
    [InlineData("Silo", "Conversations.Silo", 8081)]
    [InlineData("Gateway", "Conversations.Gateway", 8080)]
    public void DockerfileRunsTheProgramAsAnUnprivilegedUserWithAHealthCheck(string project, string assembly, int port)
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "docker", $"{project}.Dockerfile"));
        var csproj = File.ReadAllText(Path.Combine(RepositoryPaths.Root, project, $"{project}.csproj"));

        Assert.Contains($"<AssemblyName>{assembly}</AssemblyName>", csproj, StringComparison.Ordinal);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", dockerfile, StringComparison.Ordinal);
        Assert.Contains($"dotnet publish {project}/{project}.csproj", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0 AS runtime$", dockerfile);
        var user = Regex.Match(dockerfile, @"(?m)^USER (\d+):(\d+)$");
        Assert.True(user.Success, "the runtime stage names a numeric USER");
        Assert.NotEqual("0", user.Groups[1].Value);
        Assert.Matches($@"(?m)^ENV Urls=http://\+:{port}$", dockerfile);
        Assert.Matches($"(?m)^EXPOSE {port}( |$)", dockerfile);
        Assert.Contains($"/dev/tcp/127.0.0.1/{port}", dockerfile, StringComparison.Ordinal);
        Assert.Contains("GET /health HTTP/1.0", dockerfile, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryEnvironmentVariableIsASettingTheProgramsRead(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        foreach (var (kind, name) in new[] { ("Deployment", Manifests.Silo), ("Deployment", Manifests.Gateway), ("Job", Manifests.Migration) })
        {
            var container = manifests.Container(kind, name);
            var names = (container["env"] as JsonArray ?? []).Select(e => (string)e!["name"]!)
                .Concat(manifests.Environment(container, "10.0.0.1").Keys)
                .Distinct();
            Assert.All(names, variable => Assert.True(SettingNames.IsRead(variable), $"{name}: {variable} is not a setting the program reads"));
        }

        var silo = manifests.Environment(manifests.Container("Deployment", Manifests.Silo), "10.0.0.1");
        var gateway = manifests.Environment(manifests.Container("Deployment", Manifests.Gateway), "10.0.0.1");
        Assert.Equal("10.0.0.1", silo["Cluster__AdvertisedAddress"]);
        Assert.Equal("Client", gateway["Gateway__Mode"]);
        foreach (var key in new[] { "Cluster__Clustering", "Cluster__Storage", "Cluster__ClusterId", "Cluster__ServiceId", "ConnectionStrings__Postgres" })
        {
            Assert.Equal(silo[key], gateway[key]);
        }

        Assert.Equal("Postgres", silo["Cluster__Clustering"]);
        Assert.Equal("Postgres", silo["Cluster__Storage"]);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SecretsAreTheDocumentedOnesAndDevCarriesEveryKeyItNeeds(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        var references = manifests.SecretReferences().ToList();
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "deploy.md"));

        Assert.Contains(("conversations-postgres", "connection-string", false), references);
        Assert.All(references, reference =>
        {
            Assert.Contains($"`{reference.Secret}`", docs, StringComparison.Ordinal);
            if (reference.Key is { } key)
            {
                Assert.Contains($"`{key}`", docs, StringComparison.Ordinal);
            }
        });

        // Every Secret a container needs is rendered with the key, or is one the overlay expects to be created
        // outside the repository (prod: no password is committed).
        var external = Manifests.ExternalSecrets[overlay];
        foreach (var (secret, key, _) in references.Where(r => !r.Optional && r.Key is not null))
        {
            IEnumerable<string> keys = manifests.Find("Secret", secret) is { } rendered ? Manifests.SecretValues(rendered).Keys : external[secret];
            Assert.Contains(key!, keys);
        }

        Assert.All(external.Keys, secret => Assert.Null(manifests.Find("Secret", secret)));
        if (overlay == "prod")
        {
            Assert.Empty(manifests.OfKind("Secret"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void PortsAndProbesMatchWhatTheProgramsServe(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        var silo = manifests.Container("Deployment", Manifests.Silo);
        var gateway = manifests.Container("Deployment", Manifests.Gateway);
        var siloEnvironment = manifests.Environment(silo, "10.0.0.1");
        var gatewayEnvironment = manifests.Environment(gateway, "10.0.0.1");

        Assert.Equal(UrlPort(siloEnvironment["Urls"]), Port(silo, "http"));
        Assert.Equal(int.Parse(siloEnvironment["Cluster__SiloPort"], CultureInfo.InvariantCulture), Port(silo, "silo"));
        Assert.Equal(int.Parse(siloEnvironment["Cluster__GatewayPort"], CultureInfo.InvariantCulture), Port(silo, "orleans-gateway"));
        Assert.Equal(UrlPort(gatewayEnvironment["Urls"]), Port(gateway, "http"));

        AssertProbe(silo, "startupProbe", "/health");
        AssertProbe(silo, "readinessProbe", "/health");
        AssertProbe(silo, "livenessProbe", "/health");
        AssertProbe(gateway, "startupProbe", "/health");
        AssertProbe(gateway, "readinessProbe", "/health/ready");
        AssertProbe(gateway, "livenessProbe", "/health");

        var service = manifests.Get("Service", Manifests.Gateway);
        Assert.Equal(Manifests.Gateway, (string)service["spec"]!["selector"]!["app.kubernetes.io/name"]!);
        var servicePort = service["spec"]!["ports"]!.AsArray().Single()!;
        Assert.True(Port(gateway, (string)servicePort["targetPort"]!) > 0);

        var backend = manifests.Get("Ingress", Manifests.Gateway)["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!;
        Assert.Equal(Manifests.Gateway, (string)backend["name"]!);
        Assert.Equal((string)servicePort["name"]!, (string)backend["port"]!["name"]!);

        // Network policies let through exactly the ports the containers listen on.
        var siloPolicy = manifests.Get("NetworkPolicy", Manifests.Silo)["spec"]!["ingress"]!.AsArray()
            .SelectMany(rule => rule!["ports"]!.AsArray()).Select(p => int.Parse((string)p!["port"]!, CultureInfo.InvariantCulture));
        Assert.Equal(Ports(silo).Order(), siloPolicy.Distinct().Order());
        var gatewayPolicy = manifests.Get("NetworkPolicy", Manifests.Gateway)["spec"]!["ingress"]!.AsArray()
            .SelectMany(rule => rule!["ports"]!.AsArray()).Select(p => int.Parse((string)p!["port"]!, CultureInfo.InvariantCulture));
        Assert.Equal(Ports(gateway).Order(), gatewayPolicy.Distinct().Order());
        Assert.Contains(manifests.OfKind("NetworkPolicy"), p => p["spec"]!["podSelector"]!.AsObject().Count == 0);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void NoContainerRunsAsRootOrWithoutLimits(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        Assert.NotEmpty(manifests.Workloads());
        foreach (var (workload, _) in manifests.Workloads())
        {
            var pod = Manifests.PodSpec(workload);
            var name = Kustomization.Name(workload);
            foreach (var container in Manifests.Containers(pod))
            {
                var context = container["securityContext"]!;
                var user = (string?)context["runAsUser"] ?? (string?)pod["securityContext"]?["runAsUser"];
                Assert.True(user is not null && user != "0", $"{name}: runAsUser is {user ?? "unset"}");
                Assert.Equal("true", (string?)context["runAsNonRoot"] ?? (string?)pod["securityContext"]?["runAsNonRoot"]);
                Assert.Equal("false", (string?)context["allowPrivilegeEscalation"]);
                Assert.Equal("true", (string?)context["readOnlyRootFilesystem"]);
                Assert.Equal(["ALL"], context["capabilities"]!["drop"]!.AsArray().Select(c => (string)c!));
                foreach (var section in new[] { "requests", "limits" })
                {
                    foreach (var resource in new[] { "cpu", "memory" })
                    {
                        Assert.False(string.IsNullOrEmpty((string?)container["resources"]?[section]?[resource]), $"{name}: resources.{section}.{resource} is not set");
                    }
                }

                // A read-only root needs somewhere for the runtime's temporary files.
                Assert.Contains(container["volumeMounts"]!.AsArray(), m => (string)m!["mountPath"]! == "/tmp");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void BothWorkloadsHaveADisruptionBudgetAndAnAutoscaler(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        foreach (var name in new[] { Manifests.Silo, Manifests.Gateway })
        {
            var deployment = manifests.Get("Deployment", name);
            var labels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
            Assert.Null(deployment["spec"]!["replicas"]);

            var budget = manifests.Get("PodDisruptionBudget", name);
            Assert.All(budget["spec"]!["selector"]!["matchLabels"]!.AsObject(), pair => Assert.Equal((string?)pair.Value, (string?)labels[pair.Key]));
            Assert.Equal("1", (string?)budget["spec"]!["maxUnavailable"]);

            var autoscaler = manifests.Get("HorizontalPodAutoscaler", name);
            Assert.Equal("Deployment", (string?)autoscaler["spec"]!["scaleTargetRef"]!["kind"]);
            Assert.Equal(name, (string?)autoscaler["spec"]!["scaleTargetRef"]!["name"]);
            var min = int.Parse((string)autoscaler["spec"]!["minReplicas"]!, CultureInfo.InvariantCulture);
            Assert.InRange(min, 1, int.Parse((string)autoscaler["spec"]!["maxReplicas"]!, CultureInfo.InvariantCulture) - 1);
            Assert.Contains(autoscaler["spec"]!["metrics"]!.AsArray(), m => (string?)m!["resource"]?["name"] == "cpu");
        }

        var gatewayMetrics = manifests.Get("HorizontalPodAutoscaler", Manifests.Gateway)["spec"]!["metrics"]!.AsArray();
        Assert.Contains(gatewayMetrics, m => (string?)m!["type"] == "Pods" && (string?)m["pods"]!["metric"]!["name"] == "conversations_gateway_connections");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void GracePeriodsCoverTheGatewayDrainAndTheSiloShutdown(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        var gateway = manifests.Get("Deployment", Manifests.Gateway);
        var container = manifests.Container("Deployment", Manifests.Gateway);
        var environment = manifests.Environment(container, "10.0.0.1");
        var defaults = new GatewayOptions();
        var drain = TimeSpan.Parse(environment.GetValueOrDefault("Gateway__DrainTimeout") ?? defaults.DrainTimeout.ToString("c", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var close = TimeSpan.Parse(environment.GetValueOrDefault("Gateway__CloseTimeout") ?? defaults.CloseTimeout.ToString("c", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var preStop = container["lifecycle"]!["preStop"]!["exec"]!["command"]!.AsArray().Select(c => (string)c!).ToArray();
        Assert.Equal("sleep", preStop[0]);
        var sleep = TimeSpan.FromSeconds(int.Parse(preStop[1], CultureInfo.InvariantCulture));
        var grace = TimeSpan.FromSeconds(int.Parse((string)Manifests.PodSpec(gateway)["terminationGracePeriodSeconds"]!, CultureInfo.InvariantCulture));

        Assert.InRange(sleep, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        Assert.True(grace >= sleep + drain + close + TimeSpan.FromSeconds(5), $"grace {grace} < preStop {sleep} + drain {drain} + close {close} + 5 s");

        // The host stops hosted services (Orleans' graceful shutdown) within HostOptions' 30 s default.
        var silo = Manifests.PodSpec(manifests.Get("Deployment", Manifests.Silo));
        Assert.True(int.Parse((string)silo["terminationGracePeriodSeconds"]!, CultureInfo.InvariantCulture) > 30);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void IngressKeepsWebSocketsOpenLongerThanTheGatewayClosesIdleOnes(string overlay)
    {
        var annotations = Manifests.Render(overlay).Get("Ingress", Manifests.Gateway)["metadata"]!["annotations"]!;
        var idle = new GatewayOptions().IdleTimeout;
        foreach (var timeout in new[] { "proxy-read-timeout", "proxy-send-timeout" })
        {
            var seconds = int.Parse((string)annotations[$"nginx.ingress.kubernetes.io/{timeout}"]!, CultureInfo.InvariantCulture);
            Assert.True(TimeSpan.FromSeconds(seconds) > idle, $"{timeout} {seconds} s is not above Gateway:IdleTimeout {idle}");
        }
    }

    [Fact]
    public void ProdSpeaksMutualTlsOnTheOrleansPortsWithTheCertificatesOfItsSecret()
    {
        var prod = Manifests.Render("prod");
        var dev = Manifests.Render("dev");
        string[] keys = ["Cluster__Tls__CertificatePath", "Cluster__Tls__KeyPath", "Cluster__Tls__CaPath"];
        foreach (var name in new[] { Manifests.Silo, Manifests.Gateway })
        {
            var pod = Manifests.PodSpec(prod.Get("Deployment", name));
            var container = prod.Container("Deployment", name);
            var environment = prod.Environment(container, "10.0.0.1");
            var files = keys.Select(key => Manifests.SecretFile(pod, container, environment[key])).ToList();
            Assert.Equal([("conversations-cluster-tls", "tls.crt"), ("conversations-cluster-tls", "tls.key"), ("conversations-cluster-tls", "ca.crt")], files);

            // The files are readable by the container's user: the pod's fsGroup is its group, and group may read.
            var volume = pod["volumes"]!.AsArray().Single(v => (string?)v!["secret"]?["secretName"] == "conversations-cluster-tls")!;
            Assert.Equal((string?)pod["securityContext"]!["runAsGroup"], (string?)pod["securityContext"]!["fsGroup"]);
            Assert.Equal(4, (int.Parse((string)volume["secret"]!["defaultMode"]!, System.Globalization.CultureInfo.InvariantCulture) >> 3) & 4);

            // The dev overlay talks plain TCP between pods (docs/deploy.md says so).
            var devEnvironment = dev.Environment(dev.Container("Deployment", name), "10.0.0.1");
            Assert.DoesNotContain(devEnvironment.Keys, key => key.StartsWith("Cluster__Tls__", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ProdServesClientsOverHttpsOnly()
    {
        var ingress = Manifests.Render("prod").Get("Ingress", Manifests.Gateway);
        var hosts = ingress["spec"]!["rules"]!.AsArray().Select(r => (string)r!["host"]!);
        var tls = ingress["spec"]!["tls"]!.AsArray().Single()!;

        Assert.Equal(hosts.Order(), tls["hosts"]!.AsArray().Select(h => (string)h!).Order());
        Assert.Equal("conversations-gateway-tls", (string?)tls["secretName"]);
        Assert.Equal("true", (string?)ingress["metadata"]!["annotations"]!["nginx.ingress.kubernetes.io/force-ssl-redirect"]);
    }

    [Fact]
    public void DevDatabaseCommitsDurablyAndTheDurabilityDocSaysWhatThatRestsOn()
    {
        var postgres = Manifests.Containers(Manifests.PodSpec(Manifests.Render("dev").Get("StatefulSet", "postgres"))).Single();
        var args = string.Join(' ', postgres["args"]!.AsArray().Select(a => (string)a!));
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "durability.md"));

        Assert.Contains("synchronous_commit=on", args, StringComparison.Ordinal);
        Assert.Contains("fsync=on", args, StringComparison.Ordinal);
        Assert.Contains("synchronous_commit=on", docs, StringComparison.Ordinal);
        Assert.Contains("synchronous_standby_names", docs, StringComparison.Ordinal);
    }

    [Fact]
    public void DevHasItsOwnDatabaseAndProdHasNone()
    {
        var dev = Manifests.Render("dev");
        var prod = Manifests.Render("prod");

        Assert.NotNull(dev.Find("StatefulSet", "postgres"));
        Assert.Contains("Host=postgres;", dev.Environment(dev.Container("Job", Manifests.Migration), "10.0.0.1")["ConnectionStrings__Postgres"], StringComparison.Ordinal);
        Assert.Empty(prod.OfKind("StatefulSet"));
        Assert.All(prod.Objects, o => Assert.Equal("conversations", (string?)o["metadata"]!["namespace"]));
        Assert.All(dev.Objects, o => Assert.Equal("conversations-dev", (string?)o["metadata"]!["namespace"]));
    }

    private static int UrlPort(string urls) => int.Parse(Regex.Match(urls, @"^http://\+:(\d+)$").Groups[1].Value, CultureInfo.InvariantCulture);

    private static IEnumerable<int> Ports(JsonObject container) =>
        container["ports"]!.AsArray().Select(p => int.Parse((string)p!["containerPort"]!, CultureInfo.InvariantCulture));

    private static int Port(JsonObject container, string name) =>
        container["ports"]!.AsArray().Where(p => (string?)p!["name"] == name)
            .Select(p => int.Parse((string)p!["containerPort"]!, CultureInfo.InvariantCulture))
            .Single();

    private static void AssertProbe(JsonObject container, string probe, string path)
    {
        var http = container[probe]!["httpGet"]!;
        Assert.Equal(path, (string?)http["path"]);
        Assert.Equal("http", (string?)http["port"]);
    }
}
