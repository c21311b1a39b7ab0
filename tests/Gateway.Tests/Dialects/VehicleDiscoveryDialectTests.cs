using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using Conversations.Gateway.Tests.EndToEnd;

namespace Conversations.Gateway.Tests.Dialects;

/// <summary>The vehicle-discovery client on <c>/ws/conversation/{user_id}</c>: heartbeat, per-user limits, a prompt reply, health before the upgrade.</summary>
[Collection(GatewayCollection.Name)]
public sealed class VehicleDiscoveryDialectTests(GatewayFixture fixture)
{
    private readonly GatewayHost _gateway = fixture.Host;

    [Fact]
    public async Task AHeartbeatPingIsAnsweredWithPong()
    {
        await using var client = await _gateway.ConnectAsync($"driver-{Guid.NewGuid():N}");
        await client.SendAsync(new { type = "ping" });
        var pong = await client.NextAsync();

        Assert.Equal("pong", pong.Type);
        Assert.True(pong.Root.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task TheReplyEndsWithinTwoSeconds()
    {
        // The first turn of a fresh process may wait for the intent model to finish loading (it loads in the
        // background at start); the deadline is about the turns after it.
        await using var client = await _gateway.ConnectAsync($"driver-{Guid.NewGuid():N}");
        await client.SendMessageAsync("m1", "Hello");
        await client.UntilAsync(f => f.IsReply(1));
        var started = TimeProvider.System.GetTimestamp();
        await client.SendMessageAsync("m2", "I'm looking for a family SUV under 40k");
        var frames = await client.UntilAsync(f => f.IsReply(2));

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(2), "the reply took 2 s or more");
        Assert.False(string.IsNullOrWhiteSpace(frames[^1].Content));
    }

    [Fact]
    public async Task OneUserPastTheirConnectionLimitIsRefusedBeforeTheUpgrade()
    {
        await using var gateway = await GatewayHost.StartAsync("--Gateway:MaxConnectionsPerUser", "2");
        var user = $"driver-{Guid.NewGuid():N}";
        await using var first = await gateway.ConnectAsync($"{user}-a", query: $"user_id={user}");
        await using var second = await gateway.ConnectAsync($"{user}-b", query: $"user_id={user}");

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => gateway.ConnectAsync($"{user}-c", query: $"user_id={user}"));
        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGatewayThatCannotReachTheClusterRefusesNewSocketsWith503()
    {
        var clusterId = $"test-{Guid.NewGuid():N}";
        var gatewayPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var silo = await GatewayHost.StartAsync("--Cluster:ClusterId", clusterId, "--Cluster:GatewayPort", gatewayPort);
        await using var gateway = await GatewayHost.StartAsync(
            "--Gateway:Mode", "Client", "--Auth:Enabled", "false", "--Cluster:ClusterId", clusterId, "--Cluster:GatewayPort", gatewayPort,
            "--Gateway:ClusterUnreachableTimeout", "00:00:02");
        await using (var before = await gateway.ConnectAsync($"driver-{Guid.NewGuid():N}"))
        {
            await before.SendAsync(new { type = "ping" });
            Assert.Equal("pong", (await before.NextAsync()).Type);
        }

        await silo.DisposeAsync();
        var refused = await Eventually.GetAsync(
            () => RawUpgrade.SendAsync(gateway.HttpUri, $"/ws/conversation/driver-{Guid.NewGuid():N}"),
            r => r.Status == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(30));

        Assert.Equal("SERVICE_UNAVAILABLE", refused.ErrorCode);
    }
}
