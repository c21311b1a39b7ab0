using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Conversations.Gateway.Tests.EndToEnd;

[Collection(GatewayCollection.Name)]
public sealed class HealthEndpointTests(GatewayFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.Host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task ClientStatisticsCountConnectionsPerUserAndTheirFrames()
    {
        var user = $"user-{Guid.NewGuid():N}";
        await using var first = await fixture.Host.ConnectAsync($"stats-{Guid.NewGuid():N}", query: $"user_id={user}");
        await using var second = await fixture.Host.ConnectAsync($"stats-{Guid.NewGuid():N}", query: $"user_id={user}");
        await using var anonymous = await fixture.Host.ConnectAsync($"stats-{Guid.NewGuid():N}");
        await first.SendAsync(new { type = "ping" });
        await first.UntilAsync(f => f.Type == "pong");

        var stats = await Eventually.GetAsync(
            ReadStatisticsAsync,
            s => ConnectionsOf(s, user) == 2 && s.GetProperty("frames_sent").GetInt64() >= 1,
            TimeSpan.FromSeconds(10));

        Assert.True(stats.GetProperty("connections").GetInt32() >= 3);
        Assert.True(ConnectionsOf(stats, "anonymous") >= 1);
        Assert.True(stats.GetProperty("frames_received").GetInt64() >= 1);
        Assert.True(stats.GetProperty("oldest_age_seconds").GetDouble() >= 0);
        Assert.False(stats.GetProperty("draining").GetBoolean());

        await second.DisposeAsync();
        var after = await Eventually.GetAsync(ReadStatisticsAsync, s => ConnectionsOf(s, user) == 1, TimeSpan.FromSeconds(10));
        Assert.Equal(1, ConnectionsOf(after, user));
    }

    [Fact]
    public async Task ClientStatisticsListAtMostTheRequestedNumberOfUsers()
    {
        await using var a = await fixture.Host.ConnectAsync($"top-{Guid.NewGuid():N}", query: $"user_id=a-{Guid.NewGuid():N}");
        await using var b = await fixture.Host.ConnectAsync($"top-{Guid.NewGuid():N}", query: $"user_id=b-{Guid.NewGuid():N}");
        var stats = await Eventually.GetAsync(() => ReadStatisticsAsync("?top=1"), s => s.GetProperty("users").GetInt32() >= 2, TimeSpan.FromSeconds(10));

        Assert.Equal(1, stats.GetProperty("per_user").GetArrayLength());
        Assert.True(stats.GetProperty("per_user_truncated").GetBoolean());
    }

    public void Dispose() => _http.Dispose();

    private static int ConnectionsOf(JsonElement stats, string user) =>
        stats.GetProperty("per_user").EnumerateArray()
            .Where(u => u.GetProperty("user_id").GetString() == user)
            .Select(u => u.GetProperty("connections").GetInt32())
            .FirstOrDefault();

    private async Task<JsonElement> ReadStatisticsAsync() => await ReadStatisticsAsync(string.Empty);

    private async Task<JsonElement> ReadStatisticsAsync(string query)
    {
        using var response = await _http.GetAsync(new Uri("/health/clients" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }
}

public sealed class ClusterReadinessTests
{
    [Fact]
    public async Task ClientGatewayIsNotReadyOnceTheClusterIsUnreachable()
    {
        var clusterId = $"test-{Guid.NewGuid():N}";
        var gatewayPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var silo = await GatewayHost.StartAsync("--Cluster:ClusterId", clusterId, "--Cluster:GatewayPort", gatewayPort);
        await using var client = await GatewayHost.StartAsync("--Gateway:Mode", "Client", "--Auth:Enabled", "false", "--Cluster:ClusterId", clusterId, "--Cluster:GatewayPort", gatewayPort);
        using var http = new HttpClient { BaseAddress = client.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
        try
        {
            var (status, _) = await ReadyAsync(http);
            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            await silo.DisposeAsync();
        }

        var (down, body) = await Eventually.GetAsync(() => ReadyAsync(http), r => r.Status != HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
        using var report = JsonDocument.Parse(body);
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString());

        // Alive all the same: the process is fine, only what it depends on is not.
        using var live = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
