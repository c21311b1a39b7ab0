using System.Globalization;
using Conversations.Deploy.Tests.Rendering;
using Xunit.Abstractions;

namespace Conversations.Deploy.Tests;

// A silo and a gateway started as processes with exactly the environment the prod overlay gives them. What
// its external Secrets hold is made by the test: a throwaway database, a token signing key, and for
// conversations-cluster-tls a throwaway authority's certificates, written to files that stand where the
// Secret is mounted. Pod IP and listening ports are replaced by loopback ones.
public sealed class ProdEnvironmentTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string PodIp = "127.0.0.1";
    private static readonly string[] ListeningPorts = ["Cluster__SiloPort", "Cluster__GatewayPort"];
    private readonly Manifests _manifests = Manifests.Render("prod");
    private readonly TestCertificates _authority = TestCertificates.CreateAuthority("prod-test-ca");
    private PostgresServer _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        _authority.Dispose();
    }

    [Fact]
    public async Task PodsWithTheProdEnvironmentServeOverMutualTlsAndAClientWithoutTheCertificateIsRefused()
    {
        var database = await _postgres.CreateDatabaseAsync($"prod_{Guid.NewGuid():N}");
        var job = Local(_manifests.Container("Job", Manifests.Migration), database, "migrate");
        var silo = Local(_manifests.Container("Deployment", Manifests.Silo), database, "silo");
        var gateway = Local(_manifests.Container("Deployment", Manifests.Gateway), database, "gateway");
        Assert.True(silo.ContainsKey("Cluster__Tls__CertificatePath") && gateway.ContainsKey("Cluster__Tls__CertificatePath"));

        var siloDll = Path.Combine(RepositoryPaths.Output("Silo"), "Conversations.Silo.dll");
        var migration = await DotnetCommand.RunAsync(siloDll, ["migrate"], job);
        Assert.True(migration.ExitCode == 0, migration.Output);

        await using var siloProcess = await ServiceProcess.StartSiloAsync(silo);
        await using var gatewayProcess = await ServiceProcess.StartGatewayAsync(gateway);
        try
        {
            // The gateway reached the silo over TLS with the certificate from the "Secret".
            var token = TestTokens.Issue("prod-user", key: gateway["Auth__SigningKey"]);
            await using (var client = await gatewayProcess.ConnectAsync($"prod-{Guid.NewGuid():N}", query: $"access_token={token}"))
            {
                await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
                await client.UntilAsync(f => f.IsReply(1), TimeSpan.FromSeconds(60));
            }

            // Both Orleans ports of the silo speak TLS and drop a peer without a certificate from the authority.
            using var own = _authority.Load("peer");
            foreach (var port in new[] { silo["Cluster__GatewayPort"], silo["Cluster__SiloPort"] }.Select(p => int.Parse(p, CultureInfo.InvariantCulture)))
            {
                Assert.True(await TlsProbe.IsClosedWithinAsync(port, null, TimeSpan.FromSeconds(20)), $"port {port}: TLS without a certificate was kept");
                Assert.False(await TlsProbe.IsClosedWithinAsync(port, own, TimeSpan.FromSeconds(2)), $"port {port}: the authority's certificate was refused");
            }
        }
        catch (Exception)
        {
            output.WriteLine(siloProcess.Output);
            output.WriteLine(gatewayProcess.Output);
            throw;
        }
    }

    // The container's environment with the external Secrets' values made here and loopback for the pod.
    private Dictionary<string, string> Local(System.Text.Json.Nodes.JsonObject container, string database, string name)
    {
        var workload = _manifests.Workloads().Single(w => Manifests.Containers(Manifests.PodSpec(w.Workload)).Contains(container));
        var pod = Manifests.PodSpec(workload.Workload);
        var environment = _manifests.Environment(container, PodIp);
        var local = new Dictionary<string, string>(environment);
        if (local.ContainsKey("Urls"))
        {
            local["Urls"] = $"http://127.0.0.1:{FreePort.Next()}";
        }

        foreach (var port in ListeningPorts.Where(local.ContainsKey))
        {
            local[port] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        }

        local["ConnectionStrings__Postgres"] = database;
        if (local.ContainsKey("Auth__SigningKey"))
        {
            local["Auth__SigningKey"] = TestTokens.SigningKey;
        }

        var (certificate, key) = _authority.Issue(name);
        foreach (var setting in environment.Keys.Where(k => k.StartsWith("Cluster__Tls__", StringComparison.Ordinal)))
        {
            var file = Manifests.SecretFile(pod, container, environment[setting]);
            Assert.NotNull(file);
            local[setting] = file.Value.Key switch
            {
                "tls.crt" => certificate,
                "tls.key" => key,
                "ca.crt" => _authority.AuthorityPath,
                var other => throw new InvalidOperationException($"{setting} names {other}, which conversations-cluster-tls does not hold"),
            };
        }

        return local;
    }
}
