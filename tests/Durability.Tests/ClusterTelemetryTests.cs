using System.Net;
using System.Text.Json;
using Conversations.Grains.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Conversations.Durability.Tests;

[Collection(PostgresCollection.Name)]
public sealed class ClusterTelemetryTests(PostgresFixture postgres)
{
    [Fact]
    public async Task SiloAndClientGatewayEachServeTheirOwnMetricsAndReadiness()
    {
        var database = await postgres.NewDatabaseAsync();
        await using var cluster = await LocalCluster.StartAsync(database, silos: 1, gateways: 1);
        using var silo = new HttpClient { BaseAddress = cluster.Silos[0].HttpUri, Timeout = TimeSpan.FromSeconds(20) };
        using var gateway = new HttpClient { BaseAddress = cluster.Gateways[0].HttpUri, Timeout = TimeSpan.FromSeconds(20) };

        await using (var client = await ProtocolClient.ConnectAsync(cluster.Gateways[0].WebSocketUri, $"cluster-metrics-{Guid.NewGuid():N}"))
        {
            await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
            await client.UntilAsync(f => f.IsReply(1), TimeSpan.FromSeconds(60));
        }

        // Turns are counted where the grain runs, frames where the socket is.
        var siloMetrics = await Eventually.GetAsync(
            () => MetricsScrape.ReadAsync(silo),
            s => s.Sum("conversations_turns_total", "outcome=\"completed\"") == 1,
            TimeSpan.FromSeconds(20));
        Assert.Equal(1, siloMetrics.Sum("conversations_turn_duration_seconds_count"));
        Assert.Contains("orleans_", siloMetrics.Text, StringComparison.Ordinal);
        Assert.False(siloMetrics.Has("conversations_gateway_connections"));

        var gatewayMetrics = await Eventually.GetAsync(
            () => MetricsScrape.ReadAsync(gateway),
            s => s.Sum("conversations_frames_sent_total", "type=\"assistant_message\"") == 1,
            TimeSpan.FromSeconds(20));
        Assert.True(gatewayMetrics.Has("conversations_gateway_connections"));
        Assert.Equal(0, gatewayMetrics.Sum("conversations_turns_total"));

        foreach (var http in new[] { silo, gateway })
        {
            using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var body = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.OK, body);
            using var report = JsonDocument.Parse(body);
            Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString());
            Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        }

        // The dashboard is off in a standalone silo unless configured.
        using var dashboard = await silo.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
    }

    [Fact]
    public async Task ALogWriteIsADatabaseSpanAndMembershipPollsAreNone()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        // Migrated beforehand: the schema scripts hold the text of Orleans' queries, and their statements would be spans.
        var database = await postgres.NewDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        var settings = Settings.Durable(database);
        settings["Cluster:MigrateOnStart"] = "false";
        settings["Cluster:Clustering"] = "Postgres";
        settings["Telemetry:OtlpEndpoint"] = collector.Address;
        settings["Telemetry:OtlpProtocol"] = "HttpProtobuf";
        await using var gateway = await GatewayHost.StartAsync(settings.AsArguments());
        await using (var client = await gateway.ConnectAsync($"db-spans-{Guid.NewGuid():N}"))
        {
            await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
            await client.UntilAsync(f => f.IsReply(1), TimeSpan.FromSeconds(60));
        }

        // The log store's group commit (deploy/sql/007's table), as Npgsql's span of the statement.
        var traces = await collector.UntilAsync("traces", "INSERT INTO conversation_log", TimeSpan.FromSeconds(60));
        var write = traces.First(r => r.Contains("INSERT INTO conversation_log"));
        Assert.True(write.Contains("db.query.text") && write.Contains("postgresql"), "a database client span with its statement");

        // The silo joined the membership table, read it and its reminder range before it took the turn, and kept
        // polling meanwhile: those spans ended before the write's and so were exported no later than it.
        Assert.DoesNotContain(traces, r => r.Contains("orleans_membership"));
        Assert.DoesNotContain(traces, r => r.Contains("r.grain_hash > @BeginHash"));

        // Npgsql's metrics are on /metrics beside ours.
        using var http = new HttpClient { BaseAddress = gateway.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
        var scrape = await MetricsScrape.ReadAsync(http);
        Assert.True(scrape.Sum("db_client_operation_duration_seconds_count") > 0, "Npgsql's statement durations are served");
    }
}
