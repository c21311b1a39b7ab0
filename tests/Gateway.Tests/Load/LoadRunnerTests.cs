using Conversations.LoadTest;

namespace Conversations.Gateway.Tests.Load;

/// <summary>The load tool against a real in-process gateway: a clean run must be reported clean.</summary>
public sealed class LoadRunnerTests
{
    [Fact]
    public async Task EveryTurnCompletesWithoutLossOrDuplicateThroughAReconnectStorm()
    {
        // Slow pieces keep replies streaming long enough for the storm to find sockets mid-reply.
        await using var gateway = await GatewayHost.StartAsync(
            "--Responders:Offline:ChunkDelay", "00:00:00.060",
            "--Gateway:MessagesPerSecond", "100",
            "--Gateway:MessageBurst", "100");
        var options = new LoadOptions
        {
            Urls = [gateway.WebSocketUri],
            Mode = LoadMode.Closed,
            Connections = 20,
            TurnsPerConnection = 3,
            RampUp = TimeSpan.FromMilliseconds(200),
            StormShare = 0.2,
            StormDuration = TimeSpan.FromSeconds(3),
            SourceAddresses = 2,
            Deadline = TimeSpan.FromSeconds(12),
            TurnTimeout = TimeSpan.FromSeconds(10),
        };

        var report = await new LoadRunner(options, TextWriter.Null).RunAsync(CancellationToken.None);

        Assert.Equal(20, report.ConnectionsOpened);
        Assert.Equal(60, report.TurnsCompleted);
        Assert.True(report.Reconnects > 0, "The storm dropped no socket mid-reply.");
        Assert.Equal(new ProtocolViolations(0, 0, 0, 0, 0, 0), report.Violations);
        Assert.Equal(0, report.TurnsTimedOut);
        Assert.True(report.Clean);
    }
}
