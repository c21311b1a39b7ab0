using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Conversations.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Conversations.Gateway.Tests.EndToEnd;

[Collection(MemoryMeasuredCollection.Name)]
public sealed class SlowClientTests(ITestOutputHelper output)
{
    // Messages the client sends without reading. Each is answered (an ack, or CONVERSATION_BUSY past the
    // pending turns), so the answers alone come to some 300 KiB: several times what can wait between the
    // gateway and the client (Kestrel's 64 KiB output buffer, the bounded kernel send buffer, the client's
    // 2 KiB receive window), whatever the timing of the turns.
    private const int Turns = 2000;
    private const long MemoryBound = 20 * 1024 * 1024;

    [Fact]
    public async Task AClientThatNeverReadsIsDisconnectedWithoutBufferingItsStreamAndResumesLaterWithEveryFrameOnce()
    {
        var clock = Stopwatch.StartNew();

        // A short outbound queue behind a small kernel send buffer (unbounded, Linux lets a loopback socket
        // buffer some 2 MiB for a client that never reads), replies in one-word pieces as fast as they come,
        // no rate limit in the way, pings too rare to drop the client first (it never answers them), and a
        // replay window large enough to hold everything this test writes.
        await using var gateway = await GatewayHost.StartAsync(
            "--Gateway:OutboundQueueFrames", "16",
            "--Gateway:SocketSendBufferBytes", "4096",
            "--Gateway:KeepAliveInterval", "00:10:00",
            "--Gateway:MessagesPerSecond", "100000",
            "--Gateway:MessageBurst", "100000",
            "--Responders:Offline:ChunkDelay", "00:00:00",
            "--Responders:Offline:WordsPerChunk", "1",
            "--Conversations:ReplayWindowTurns", "1000",
            "--Conversations:ReplayWindowFrames", "100000");
        using var http = new HttpClient { BaseAddress = gateway.HttpUri, Timeout = TimeSpan.FromSeconds(10) };
        var id = $"slow-{Guid.NewGuid():N}";

        // One turn first, so that the baseline already holds what any first conversation costs.
        await using (var warmUp = await gateway.ConnectAsync($"warm-{Guid.NewGuid():N}"))
        {
            await warmUp.SendMessageAsync("m1", "Hello");
            await warmUp.UntilAsync(f => f.IsReply(1));
        }

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        // A 2 KiB receive window that nobody drains: the gateway's writes block as soon as the buffers are
        // full, and its queue fills behind them. Only that can drop this socket before the wait below ends:
        // it is neither idle nor late with a pong.
        using var reader = await RawWebSocket.ConnectAsync(gateway.HttpUri, $"/ws/conversation/{id}", receiveBufferSize: 2048);
        var sent = 0;
        try
        {
            for (; sent < Turns; sent++)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await reader.SendTextAsync($$"""{"type":"user_message","id":"m{{sent + 1}}","content":"Tell me about your reporting features, part {{sent + 1}}"}""", timeout.Token);
            }
        }
        catch (SocketException)
        {
            // Disconnected while still sending: that is the point.
        }

        await Eventually.GetAsync(() => ConnectionsAsync(http), open => open == 0, TimeSpan.FromSeconds(60));
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);

        // Whatever reached the client's kernel before the gateway let go is still readable.
        var received = await DrainAsync(reader);
        var grain = gateway.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(id);
        var snapshot = await Eventually.GetAsync(grain.GetSnapshotAsync, s => s.TurnCount > 0 && s.MessageCount == 2 * s.TurnCount, TimeSpan.FromSeconds(60));
        var contiguous = received.Where(f => f.Seq is not null).TakeWhile((f, i) => f.Seq == i + 1).ToList();
        var lastSeq = contiguous.Count == 0 ? 0 : contiguous[^1].Seq!.Value;

        await using var resumed = await gateway.ConnectAsync(id, lastSeq: lastSeq);
        var replay = await resumed.UntilAsync(f => f.Seq == snapshot.LastSeq, TimeSpan.FromSeconds(30));
        var log = contiguous.Concat(replay.Where(f => f.Seq is not null)).ToList();
        var logBytes = log.Sum(f => (long)Encoding.UTF8.GetByteCount(f.Raw));
        output.WriteLine(
            $"{sent} messages sent, {snapshot.TurnCount} turns accepted, {log.Count} log frames ({logBytes / 1024} KiB), " +
            $"{contiguous.Count} read before the disconnect, resumed from seq {lastSeq}; managed heap {memoryBefore / 1024} KiB before, " +
            $"{memoryAfter / 1024} KiB after ({(memoryAfter - memoryBefore) / 1024:+#;-#;0} KiB); took {clock.Elapsed.TotalSeconds:F1} s");

        Assert.True(sent < Turns || snapshot.TurnCount < Turns || contiguous.Count < log.Count, "the client was never held back");
        Assert.True(memoryAfter - memoryBefore < MemoryBound, $"managed heap grew by {(memoryAfter - memoryBefore) / 1024} KiB");
        Assert.True(replay[0].IsSystem("conversation_resumed"));
        FrameAssert.Gapless(log, from: 1);
        Assert.Equal(snapshot.LastSeq, log[^1].Seq);
        Assert.Equal(Enumerable.Range(1, snapshot.TurnCount), log.Where(f => f.Type == "assistant_message").Select(f => f.Turn!.Value));
        Assert.Equal(Enumerable.Range(1, snapshot.TurnCount), log.Where(f => f.Type == "ack").Select(f => f.Turn!.Value));
        Assert.All(
            log.Where(f => f.Type == "assistant_message"),
            reply => Assert.Equal(reply.Content, string.Concat(log.Where(f => f.Type == "assistant_delta" && f.Turn == reply.Turn).Select(f => f.Delta))));
    }

    [Fact]
    public async Task AReplayLongerThanTheOutboundQueueReachesAClientThatReads()
    {
        await using var gateway = await GatewayHost.StartAsync("--Gateway:OutboundQueueFrames", "16", "--Responders:Offline:WordsPerChunk", "1");
        var id = $"replay-{Guid.NewGuid():N}";
        long last;
        await using (var writer = await gateway.ConnectAsync(id))
        {
            for (var turn = 1; turn <= 3; turn++)
            {
                await writer.SendMessageAsync($"m{turn}", "Tell me more about your reporting features");
                await writer.UntilAsync(f => f.IsReply(turn));
            }

            last = writer.LastSeq;
        }

        await using var reader = await gateway.ConnectAsync(id, lastSeq: 0);
        var replay = await reader.UntilAsync(f => f.Seq == last);

        Assert.True(last > 16, $"the log has only {last} frames");
        Assert.True(replay[0].IsSystem("conversation_resumed"));
        FrameAssert.Gapless(replay, from: 1);
    }

    private static async Task<int> ConnectionsAsync(HttpClient http)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health/clients", UriKind.Relative)));
        return json.RootElement.GetProperty("connections").GetInt32();
    }

    private static async Task<List<Frame>> DrainAsync(RawWebSocket socket)
    {
        var frames = new List<Frame>();
        while (true)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            if (await socket.ReceiveFrameAsync(timeout.Token) is not { } frame || frame.Opcode != RawWebSocket.Text)
            {
                return frames;
            }

            frames.Add(Frame.Parse(Encoding.UTF8.GetString(frame.Payload)));
        }
    }
}
