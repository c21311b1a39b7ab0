using System.Net.WebSockets;

namespace Conversations.Gateway.Tests.EndToEnd;

// Each test runs its own gateway, because it changes settings or stops it.
public sealed class GatewayLifecycleTests
{
    [Fact]
    public async Task IdleSocketIsClosedAfterTheIdleTimeout()
    {
        await using var gateway = await GatewayHost.StartAsync("--Gateway:IdleTimeout", "00:00:01");
        await using var client = await gateway.ConnectAsync($"idle-{Guid.NewGuid():N}");

        var status = await client.ClosedAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
    }

    [Fact]
    public async Task ShutdownTellsClientsToReconnectAndClosesWith1012()
    {
        var gateway = await GatewayHost.StartAsync();
        await using var client = await gateway.ConnectAsync($"drain-{Guid.NewGuid():N}");
        await client.SendMessageAsync("m1", "hello");
        await client.UntilAsync(f => f.IsReply(1));

        var stopping = gateway.DisposeAsync().AsTask();
        var notice = await client.UntilAsync(f => f.IsSystem("reconnect"));
        var status = await client.ClosedAsync();
        await stopping;

        Assert.Null(notice[^1].Seq);
        Assert.Equal((WebSocketCloseStatus)1012, status);
    }
}
