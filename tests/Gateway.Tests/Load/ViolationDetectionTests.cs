using System.Net.WebSockets;
using System.Text;
using Conversations.LoadTest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Gateway.Tests.Load;

/// <summary>The load tool's detector must see what a broken server does: it is only worth its zeros if it can count.</summary>
public sealed class ViolationDetectionTests
{
    [Fact]
    public void CheckerCountsDuplicatesGapsAndLostFrames()
    {
        var checker = new SequenceChecker();

        Assert.Equal(SeqVerdict.Next, checker.Observe(1));
        Assert.Equal(SeqVerdict.Next, checker.Observe(2));
        Assert.Equal(SeqVerdict.Duplicate, checker.Observe(2));
        Assert.Equal(SeqVerdict.AfterGap, checker.Observe(5));
        Assert.Equal(SeqVerdict.Next, checker.Observe(6));
        Assert.Equal(SeqVerdict.Duplicate, checker.Observe(3));

        Assert.Equal((2L, 1L, 2L, 6L), (checker.Duplicates, checker.Gaps, checker.LostFrames, checker.Highest));
    }

    [Fact]
    public async Task ARunAgainstAServerThatSkipsAndRepeatsSeqsIsNotClean()
    {
        await using var server = await BrokenServer.StartAsync();
        var options = new LoadOptions
        {
            Urls = [server.Uri],
            Connections = 2,
            TurnsPerConnection = 2,
            RampUp = TimeSpan.Zero,
            SourceAddresses = 1,
            Deadline = TimeSpan.FromSeconds(10),
            TurnTimeout = TimeSpan.FromSeconds(3),
        };

        var report = await new LoadRunner(options, TextWriter.Null).RunAsync(CancellationToken.None);

        // Per turn the server skips one seq and sends one frame twice.
        Assert.Equal(4, report.TurnsCompleted);
        Assert.Equal(4, report.Violations.SeqGaps);
        Assert.Equal(4, report.Violations.LostFrames);
        Assert.Equal(4, report.Violations.DuplicateFrames);
        Assert.False(report.Clean);
    }

    [Fact]
    public async Task ATurnAckedAndNeverAnsweredIsReported()
    {
        await using var server = await BrokenServer.StartAsync(answer: false);
        var options = new LoadOptions
        {
            Urls = [server.Uri],
            Connections = 1,
            TurnsPerConnection = 1,
            RampUp = TimeSpan.Zero,
            SourceAddresses = 1,
            Deadline = TimeSpan.FromSeconds(10),
            TurnTimeout = TimeSpan.FromSeconds(1),
        };

        var report = await new LoadRunner(options, TextWriter.Null).RunAsync(CancellationToken.None);

        Assert.Equal(1, report.TurnsTimedOut);
        Assert.Equal(1, report.Violations.TurnsNotCompleted);
        Assert.False(report.Clean);
    }

    [Fact]
    public async Task TheOriginalAckOfAResentMessageArrivingDuringTheNextTurnIsExpectedAndAnyOtherRepeatIsNot()
    {
        // The first socket is cut before the first message's ack; the message is sent again on the next one,
        // whose replay answers it, and the resend's answer (the original ack) comes during the second turn.
        await using var server = await LateAckServer.StartAsync(repeatUnsent: false);
        var report = await RunAsync(server.Uri);

        Assert.Equal(2, report.TurnsCompleted);
        Assert.Equal(0, report.Violations.DuplicateFrames);
        Assert.True(report.Clean);

        // The same late ack for the second turn, whose message was sent once, is a duplicate.
        await using var repeating = await LateAckServer.StartAsync(repeatUnsent: true);
        var repeated = await RunAsync(repeating.Uri);

        Assert.Equal(1, repeated.Violations.DuplicateFrames);
        Assert.False(repeated.Clean);
    }

    private static Task<LoadReport> RunAsync(Uri uri) =>
        new LoadRunner(
            new LoadOptions
            {
                Urls = [uri],
                Connections = 1,
                TurnsPerConnection = 2,
                RampUp = TimeSpan.Zero,
                SourceAddresses = 1,
                Deadline = TimeSpan.FromSeconds(30),
                TurnTimeout = TimeSpan.FromSeconds(10),
            },
            TextWriter.Null).RunAsync(CancellationToken.None);

    /// <summary>
    /// Cuts its first socket on the first message; on the next one answers the resent message as a replay would,
    /// then acks the second message and sends the first one's ack again (or, with <c>repeatUnsent</c>, the
    /// second one's) before it answers.
    /// </summary>
    private sealed class LateAckServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _connections;

        private LateAckServer(WebApplication app) => _app = app;

        public Uri Uri { get; private set; } = null!;

        public static async Task<LateAckServer> StartAsync(bool repeatUnsent)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var server = new LateAckServer(app);
            app.UseWebSockets();
            app.Map("/ws/conversation/{id}", (HttpContext context) => server.ServeAsync(context, repeatUnsent));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.Uri = new UriBuilder(address) { Scheme = "ws" }.Uri;
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private async Task ServeAsync(HttpContext context, bool repeatUnsent)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            var cancellationToken = context.RequestAborted;
            try
            {
                await socket.ReceiveAsync(buffer, cancellationToken);
                if (Interlocked.Increment(ref _connections) == 1)
                {
                    context.Abort();
                    return;
                }

                await SendAsync(socket, """{"type":"ack","seq":1,"turn":1}""", cancellationToken);
                await SendAsync(socket, """{"type":"assistant_message","seq":2,"turn":1,"content":"hi"}""", cancellationToken);
                await socket.ReceiveAsync(buffer, cancellationToken);
                await SendAsync(socket, """{"type":"ack","seq":3,"turn":2}""", cancellationToken);
                await SendAsync(socket, repeatUnsent ? """{"type":"ack","seq":3,"turn":2}""" : """{"type":"ack","seq":1,"turn":1}""", cancellationToken);
                await SendAsync(socket, """{"type":"assistant_message","seq":4,"turn":2,"content":"hi"}""", cancellationToken);
                await socket.ReceiveAsync(buffer, cancellationToken);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // The client left.
            }
        }
    }

    /// <summary>A WebSocket server that acks each message, then (when it answers) skips a seq and repeats a frame.</summary>
    private sealed class BrokenServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private BrokenServer(WebApplication app, Uri uri)
        {
            _app = app;
            Uri = uri;
        }

        public Uri Uri { get; }

        public static async Task<BrokenServer> StartAsync(bool answer = true)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.UseWebSockets();
            app.Map("/ws/conversation/{id}", (HttpContext context) => ServeAsync(context, answer));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new BrokenServer(app, new UriBuilder(address) { Scheme = "ws" }.Uri);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private static async Task ServeAsync(HttpContext context, bool answer)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            long seq = 0;
            var turn = 0;
            try
            {
                while (true)
                {
                    var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    turn++;
                    await SendAsync(socket, $$"""{"type":"ack","seq":{{++seq}},"turn":{{turn}}}""", context.RequestAborted);
                    if (!answer)
                    {
                        continue;
                    }

                    seq++;
                    var delta = $$"""{"type":"assistant_delta","seq":{{++seq}},"turn":{{turn}},"delta":"hi"}""";
                    await SendAsync(socket, delta, context.RequestAborted);
                    await SendAsync(socket, delta, context.RequestAborted);
                    await SendAsync(socket, $$"""{"type":"assistant_message","seq":{{++seq}},"turn":{{turn}},"content":"hi"}""", context.RequestAborted);
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // The client left.
            }
        }

    }

    private static Task SendAsync(WebSocket socket, string json, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
}
