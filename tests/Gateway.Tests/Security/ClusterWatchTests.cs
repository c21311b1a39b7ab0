using System.Globalization;
using System.Net.WebSockets;

namespace Conversations.Gateway.Tests.Security;

public sealed class ClusterWatchTests
{
    [Fact]
    public async Task AGatewayCutOffFromTheClusterTellsItsClientsToReconnectElsewhere()
    {
        var clusterId = $"test-{Guid.NewGuid():N}";
        var gatewayPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var silo = await GatewayHost.StartAsync("--Cluster:ClusterId", clusterId, "--Cluster:GatewayPort", gatewayPort);
        await using var gateway = await GatewayHost.StartAsync(
            "--Gateway:Mode", "Client", "--Auth:Enabled", "false", "--Cluster:ClusterId", clusterId, "--Cluster:GatewayPort", gatewayPort,
            "--Gateway:ClusterUnreachableTimeout", "00:00:02");
        await using var client = await gateway.ConnectAsync($"cut-{Guid.NewGuid():N}");
        await client.SendMessageAsync("m1", "hello");
        await client.UntilAsync(f => f.IsReply(1), TimeSpan.FromSeconds(30));

        await silo.DisposeAsync();
        var notice = (await client.UntilAsync(f => f.IsSystem("reconnect"), TimeSpan.FromSeconds(45)))[^1];
        var status = await client.ClosedAsync();

        Assert.Equal("cluster_unreachable", notice.Root.GetProperty("metadata").GetProperty("cause").GetString());
        Assert.Equal((WebSocketCloseStatus)1012, status);
    }
}
