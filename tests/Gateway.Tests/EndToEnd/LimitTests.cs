using System.Net;
using System.Net.WebSockets;

namespace Conversations.Gateway.Tests.EndToEnd;

// Each test runs a gateway of its own with tight limits.
public sealed class LimitTests
{
    [Fact]
    public async Task AUserPastTheirConnectionLimitIsRefusedBeforeTheUpgrade()
    {
        await using var gateway = await GatewayHost.StartAsync("--Gateway:MaxConnectionsPerUser", "2");
        var id = $"limit-{Guid.NewGuid():N}";
        await using var first = await gateway.ConnectAsync(id, query: "user_id=u1");
        await using var second = await gateway.ConnectAsync(id, query: "user_id=u1");

        var refused = await UpgradeAsync(gateway, id, "user_id=u1");
        await using var otherUser = await gateway.ConnectAsync(id, query: "user_id=u2");
        await second.DisposeAsync();
        var afterOneClosed = await Eventually.GetAsync(async () => (await UpgradeAsync(gateway, id, "user_id=u1")).Status, status => status == HttpStatusCode.SwitchingProtocols);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("TOO_MANY_CONNECTIONS", refused.ErrorCode);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, afterOneClosed);
    }

    [Fact]
    public async Task AGatewayAtItsConnectionLimitRefusesAnyoneElse()
    {
        await using var gateway = await GatewayHost.StartAsync("--Gateway:MaxConnections", "2");
        await using var first = await gateway.ConnectAsync($"limit-{Guid.NewGuid():N}");
        await using var second = await gateway.ConnectAsync($"limit-{Guid.NewGuid():N}");

        var refused = await UpgradeAsync(gateway, $"limit-{Guid.NewGuid():N}", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal("TOO_MANY_CONNECTIONS", refused.ErrorCode);
    }

    [Fact]
    public async Task AFloodPastTheRateLimitIsRefusedThenClosed()
    {
        await using var gateway = await GatewayHost.StartAsync(
            "--Gateway:MessagesPerSecond", "1", "--Gateway:MessageBurst", "3", "--Gateway:RateLimitStrikes", "5");
        await using var client = await gateway.ConnectAsync($"flood-{Guid.NewGuid():N}");

        for (var i = 0; i < 12; i++)
        {
            await client.SendAsync(new { type = "ping" });
        }

        var status = await client.ClosedAsync();
        var frames = new List<Frame>();
        while (frames.Count < 12 && await TryNextAsync(client) is { } frame)
        {
            frames.Add(frame);
        }

        // Three frames fit the burst (a fourth if a second passed meanwhile); the sixth refusal closes.
        Assert.InRange(frames.Count(f => f.Type == "pong"), 3, 4);
        Assert.Equal(5, frames.Count(f => f.ErrorCode == "RATE_LIMITED"));
        Assert.All(frames.Where(f => f.Type == "error"), f => Assert.True(f.Root.GetProperty("retry_suggested").GetBoolean()));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
    }

    private static async Task<Frame?> TryNextAsync(ProtocolClient client)
    {
        try
        {
            return await client.NextAsync(TimeSpan.FromSeconds(5));
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            return null;
        }
    }

    private static Task<(HttpStatusCode Status, string? ErrorCode)> UpgradeAsync(GatewayHost gateway, string id, string? query) =>
        RawUpgrade.SendAsync(gateway.HttpUri, $"/ws/conversation/{id}{(query is null ? string.Empty : "?" + query)}");
}
