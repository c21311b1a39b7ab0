using System.Net;
using System.Text.Json;

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
}
