using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Conversations.Deploy.Tests.Rendering;
using Npgsql;
using Xunit.Abstractions;

namespace Conversations.Deploy.Tests;

// The migration Job, a silo and a gateway started as processes with exactly the environment the dev overlay
// gives their containers. Only what a pod has and a test machine has not is replaced: the pod IP by
// 127.0.0.1, the database's host and port by a throwaway PostgreSQL on loopback, listening ports by free ones.
public sealed class ManifestEnvironmentTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string PodIp = "127.0.0.1";
    private static readonly string[] ListeningPorts = ["Cluster__SiloPort", "Cluster__GatewayPort"];
    private readonly Manifests _manifests = Manifests.Render("dev");
    private PostgresServer _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task ProcessesWithTheManifestsEnvironmentMigrateServeTheProbesHoldAConversationAndDrain()
    {
        var job = ForLoopback(_manifests.Environment(_manifests.Container("Job", Manifests.Migration), PodIp));
        var siloContainer = _manifests.Container("Deployment", Manifests.Silo);
        var gatewayContainer = _manifests.Container("Deployment", Manifests.Gateway);
        var silo = ForLoopback(_manifests.Environment(siloContainer, PodIp));
        var gateway = ForLoopback(_manifests.Environment(gatewayContainer, PodIp));
        await CreateDatabaseOfAsync(job["ConnectionStrings__Postgres"]);

        var siloDll = Path.Combine(RepositoryPaths.Output("Silo"), "Conversations.Silo.dll");
        var args = _manifests.Container("Job", Manifests.Migration)["args"]!.AsArray().Select(a => (string)a!);
        var migration = await DotnetCommand.RunAsync(siloDll, args, job);
        Assert.True(migration.ExitCode == 0, migration.Output);

        await using var siloProcess = await ServiceProcess.StartSiloAsync(silo);
        await using var gatewayProcess = await ServiceProcess.StartGatewayAsync(gateway);
        try
        {
            await AssertProbesAnswerAsync(siloProcess, siloContainer);
            await AssertProbesAnswerAsync(gatewayProcess, gatewayContainer);

            // Gateways outside the embedded mode require a token signed with the key from the Secret.
            var id = $"manifest-{Guid.NewGuid():N}";
            var (refused, code) = await RawUpgrade.SendAsync(gatewayProcess.HttpUri, $"/ws/conversation/{id}");
            Assert.Equal((System.Net.HttpStatusCode.Unauthorized, "UNAUTHORIZED"), (refused, code));
            var token = TestTokens.Issue("manifest-user", key: gateway["Auth__SigningKey"]);
            await using var client = await gatewayProcess.ConnectAsync(id, query: $"access_token={token}");
            await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
            var log = await client.UntilAsync(f => f.IsReply(1), TimeSpan.FromSeconds(60));
            await client.SendMessageAsync("m2", "How much does it cost?");
            log.AddRange(await client.UntilAsync(f => f.IsReply(2), TimeSpan.FromSeconds(60)));
            FrameAssert.Gapless(log, 1);

            // What Kubernetes does to a gateway pod after preStop: SIGTERM, then SIGKILL at the end of the grace period.
            var grace = TimeSpan.FromSeconds(int.Parse((string)Manifests.PodSpec(_manifests.Get("Deployment", Manifests.Gateway))["terminationGracePeriodSeconds"]!, CultureInfo.InvariantCulture));
            var stopping = gatewayProcess.TerminateAsync(grace);
            Assert.Contains(await client.UntilAsync(f => f.IsSystem("reconnect")), f => f.IsSystem("reconnect"));
            Assert.Equal((WebSocketCloseStatus)1012, await client.ClosedAsync());
            await stopping;
        }
        catch (Exception)
        {
            output.WriteLine(siloProcess.Output);
            output.WriteLine(gatewayProcess.Output);
            throw;
        }
    }

    private Dictionary<string, string> ForLoopback(Dictionary<string, string> environment)
    {
        var local = new Dictionary<string, string>(environment);
        if (local.TryGetValue("Urls", out var urls))
        {
            Assert.StartsWith("http://+:", urls, StringComparison.Ordinal);
            local["Urls"] = $"http://127.0.0.1:{FreePort.Next()}";
        }

        foreach (var port in ListeningPorts.Where(local.ContainsKey))
        {
            local[port] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        }

        var connection = new NpgsqlConnectionStringBuilder(local["ConnectionStrings__Postgres"]);
        Assert.Equal("postgres", connection.Host);
        connection.Host = "127.0.0.1";
        connection.Port = _postgres.Port;
        local["ConnectionStrings__Postgres"] = connection.ConnectionString;
        return local;
    }

    // The role and database the dev PostgreSQL StatefulSet creates from POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB.
    private async Task CreateDatabaseOfAsync(string connectionString)
    {
        var wanted = new NpgsqlConnectionStringBuilder(connectionString);
        var database = _manifests.Environment(Manifests.Containers(Manifests.PodSpec(_manifests.Get("StatefulSet", "postgres"))).Single(), PodIp);
        Assert.Equal(database["POSTGRES_USER"], wanted.Username);
        Assert.Equal(database["POSTGRES_PASSWORD"], wanted.Password);
        Assert.Equal(database["POSTGRES_DB"], wanted.Database);

        await using var connection = new NpgsqlConnection(_postgres.ConnectionString("postgres"));
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            $"CREATE ROLE \"{wanted.Username}\" LOGIN PASSWORD '{wanted.Password}'",
            $"CREATE DATABASE \"{wanted.Database}\" OWNER \"{wanted.Username}\"",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task AssertProbesAnswerAsync(ServiceProcess process, JsonObject container)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            var path = (string)container[probe]!["httpGet"]!["path"]!;
            using var response = await http.GetAsync(new Uri(process.HttpUri, path));
            Assert.True(response.IsSuccessStatusCode, $"{probe} {path}: {(int)response.StatusCode}");
        }
    }
}
