using Conversations.LoadTest;
using Xunit.Abstractions;

namespace Conversations.Gateway.Tests.Load;

/// <summary>The load tool against a real in-process gateway: a clean run must be reported clean.</summary>
public sealed class LoadRunnerTests(ITestOutputHelper output)
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
            // The storm lasts as long as the turns do (it stops when they end): on a busy machine the first
            // acks can take seconds, and a storm bounded to the first seconds may then find no reply to cut.
            StormDuration = TimeSpan.FromSeconds(60),
            SourceAddresses = 2,
            // Bounds, not expectations: a quiet run takes about 5 s.
            Deadline = TimeSpan.FromSeconds(90),
            TurnTimeout = TimeSpan.FromSeconds(60),
        };

        using var log = new StringWriter();
        var report = await new LoadRunner(options, log).RunAsync(CancellationToken.None);
        ReportWriter.WriteTable(report, log);
        output.WriteLine(log.ToString());

        Assert.Equal(20, report.ConnectionsOpened);
        Assert.Equal(60, report.TurnsCompleted);
        Assert.True(report.Reconnects > 0, "The storm dropped no socket mid-reply.");
        Assert.Equal(new ProtocolViolations(0, 0, 0, 0, 0, 0), report.Violations);
        Assert.Equal(0, report.TurnsTimedOut);
        Assert.True(report.Clean);
    }
}
