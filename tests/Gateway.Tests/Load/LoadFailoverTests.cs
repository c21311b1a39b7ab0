using System.Globalization;
using Conversations.LoadTest;
using Xunit.Abstractions;

namespace Conversations.Gateway.Tests.Load;

/// <summary>The load tool when one of its gateways dies: its sockets go on at the next address, like a real client's.</summary>
public sealed class LoadFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SocketsOfAGatewayThatDiesMidRunResumeOnTheOtherGatewayAndEveryTurnIsAnsweredOnce()
    {
        // Two gateways over one cluster: the first hosts the silo, the second is a client of it. The second is
        // reached through a relay whose cut resets every socket and every new connection, as its death would.
        var clusterId = $"test-{Guid.NewGuid():N}";
        var gatewayPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        string[] slowReplies = ["--Responders:Offline:ChunkDelay", "00:00:00.060", "--Gateway:MessagesPerSecond", "100", "--Gateway:MessageBurst", "100"];
        await using var survivor = await GatewayHost.StartAsync(["--Cluster:ClusterId", clusterId, "--Cluster:GatewayPort", gatewayPort, .. slowReplies]);
        var doomed = await GatewayHost.StartAsync(
            ["--Gateway:Mode", "Client", "--Auth:Enabled", "false", "--Cluster:ClusterId", clusterId, "--Cluster:GatewayPort", gatewayPort, .. slowReplies]);
        await using var relay = new TcpProxy(doomed.HttpUri.Port);
        var events = Path.Combine(Path.GetTempPath(), $"load-events-{Guid.NewGuid():N}.txt");
        var options = new LoadOptions
        {
            // Connection i opens on address i mod 2: the even ones on the gateway that dies.
            Urls = [new Uri($"ws://127.0.0.1:{relay.Port}"), survivor.WebSocketUri],
            Mode = LoadMode.Closed,
            Connections = 20,
            TurnsPerConnection = 5,
            RampUp = TimeSpan.FromMilliseconds(200),
            SourceAddresses = 2,
            EventsPath = events,

            // Bounds, not expectations: a quiet run takes about 6 s.
            Deadline = TimeSpan.FromSeconds(120),
            TurnTimeout = TimeSpan.FromSeconds(60),
        };

        var doomedStopped = false;
        try
        {
            var runner = new LoadRunner(options, TextWriter.Null);
            var run = runner.RunAsync(CancellationToken.None);
            await Eventually.GetAsync(() => Task.FromResult(runner.Statistics.TurnsCompleted), done => done >= 20 || run.IsCompleted, TimeSpan.FromSeconds(90));
            Assert.False(run.IsCompleted, "The run ended before the gateway could die in the middle of it.");
            await File.WriteAllTextAsync(events, string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} gateway-killed\n"));
            relay.Cut();
            await doomed.DisposeAsync();
            doomedStopped = true;

            var report = await run;
            using var log = new StringWriter();
            ReportWriter.WriteTable(report, log);
            output.WriteLine(log.ToString());

            Assert.Equal(20, report.ConnectionsOpened);
            Assert.Equal(100, report.TurnsCompleted);

            // Each of the ten sockets of the dead gateway moved once to the other; none gave up.
            Assert.Equal(10, report.Failovers);
            Assert.Equal(0, report.ConnectFailures);
            Assert.Equal(new ProtocolViolations(0, 0, 0, 0, 0, 0), report.Violations);
            Assert.Equal(0, report.TurnsTimedOut);
            Assert.True(report.Clean);

            // The turns in flight when it died were all answered, each after a first new frame.
            var died = Assert.Single(report.Events);
            Assert.Equal("gateway-killed", died.Name);
            Assert.InRange(died.TurnsInFlight, 1, 20);
            Assert.Equal(0, died.TurnsNotCompleted);
            Assert.Equal(died.TurnsInFlight, died.ReplyMs.Count);
            Assert.Equal(died.TurnsInFlight, died.FirstFrameMs.Count);
        }
        finally
        {
            File.Delete(events);
            if (!doomedStopped)
            {
                await doomed.DisposeAsync();
            }
        }
    }
}
