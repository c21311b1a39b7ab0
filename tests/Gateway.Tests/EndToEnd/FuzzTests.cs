using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Conversations.Gateway.Tests.EndToEnd;

// Thousands of malformed frames and HTTP requests against a gateway that holds conversations with real
// turns. Every input is invalid by construction (it can never be a frame or request that may change a
// conversation), so afterwards every conversation must be exactly as it was. FUZZ_SEED reproduces a run.
[Collection(MemoryMeasuredCollection.Name)]
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int MaxFrameBytes = 16 * 1024;
    private const int SocketWorkers = 4;
    private const int SocketInputs = 4000;
    private const int HttpWorkers = 4;
    private const int HttpInputs = 600;
    private const long MemoryBound = 32 * 1024 * 1024;
    private static readonly TimeSpan PhaseBudget = TimeSpan.FromSeconds(15);

    // The close codes docs/protocol.md lists, and 1005 (a close frame without a code, from a client's own
    // close handshake); a drop without a close frame is counted apart.
    private static readonly HashSet<int> DocumentedCloseCodes = [1000, 1001, 1002, 1005, 1007, 1008, 1009, 1012, 1013];
    private static readonly string[] KnownTypes = ["user_message", "resume", "cancel", "ping"];
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "FUZZ"];
    private static readonly string[] SafeMethods = ["GET", "HEAD", "OPTIONS"];
    private static readonly string?[] ContentTypes =
        [null, "application/json", "application/json; charset=utf-16", "text/plain", "application/octet-stream", "multipart/form-data", "application/x-www-form-urlencoded", "application/xml", "nonsense/\u0001"];

    [Fact]
    public async Task MalformedFramesAndRequestsLeaveEveryConversationAsItWasAndTheGatewayServing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var given) ? given : 20261123;
        output.WriteLine($"FUZZ_SEED={seed}");
        var clock = Stopwatch.StartNew();
        await using var gateway = await GatewayHost.StartAsync(
            "--Gateway:MaxFrameBytes", MaxFrameBytes.ToString(CultureInfo.InvariantCulture),
            "--Gateway:MessagesPerSecond", "100000",
            "--Gateway:MessageBurst", "100000");
        var grains = gateway.App.Services.GetRequiredService<IGrainFactory>();

        // Conversations with real turns, and their checkpoints before the fuzz.
        var ids = Enumerable.Range(1, 3).Select(i => $"fuzz-{i}-{Guid.NewGuid():N}").ToArray();
        foreach (var id in ids)
        {
            await using var client = await gateway.ConnectAsync(id);
            await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
            await client.UntilAsync(f => f.IsReply(1));
            await client.SendMessageAsync("m2", "How much does it cost?");
            await client.UntilAsync(f => f.IsReply(2));
        }

        var before = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            before[id] = SnapshotJson(await grains.GetGrain<IConversationGrain>(id).GetSnapshotAsync());
        }

        var lastSeqs = ids.ToDictionary(id => id, id => JsonDocument.Parse(before[id]).RootElement.GetProperty("last_seq").GetInt64());
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        var sockets = new SocketTally();
        await Task.WhenAll(Enumerable.Range(0, SocketWorkers).Select(w =>
            FuzzSocketsAsync(gateway, new Random(seed + w), ids, lastSeqs, SocketInputs / SocketWorkers, sockets)));
        var socketSeconds = clock.Elapsed.TotalSeconds;

        var requests = new HttpTally();
        var endpoints = gateway.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        using (var http = new HttpClient { BaseAddress = gateway.HttpUri, Timeout = TimeSpan.FromSeconds(15) })
        {
            await Task.WhenAll(Enumerable.Range(0, HttpWorkers).Select(w =>
                FuzzHttpAsync(http, new Random(seed + 1000 + w), endpoints, ids, HttpInputs / HttpWorkers, requests)));
        }

        await Eventually.GetAsync(() => Task.FromResult(gateway.App.Services.GetRequiredService<ConnectionRegistry>().Connections.Count), open => open == 0, TimeSpan.FromSeconds(15));
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        var after = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            after[id] = SnapshotJson(await grains.GetGrain<IConversationGrain>(id).GetSnapshotAsync());
        }

        output.WriteLine(
            $"{sockets.Inputs} socket inputs over {sockets.Connections} connections in {socketSeconds:F1} s: {sockets.Errors} error frames, " +
            $"{sockets.Pongs} pongs, close codes {Describe(sockets.CloseCodes)}, {sockets.Drops} drops without a close frame; inputs by kind {Describe(sockets.Kinds)}");
        output.WriteLine(
            $"{requests.Sent} HTTP requests over {endpoints.Count} endpoints ({string.Join(", ", endpoints.Select(e => e.RoutePattern.RawText).Distinct())}): statuses {Describe(requests.Statuses)}");
        output.WriteLine($"managed heap {memoryBefore / 1024} KiB before, {memoryAfter / 1024} KiB after ({(memoryAfter - memoryBefore) / 1024:+#;-#;0} KiB); took {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Empty(sockets.Violations);
        Assert.Empty(requests.Failures);
        Assert.True(sockets.Inputs >= SocketInputs / 2, $"only {sockets.Inputs} socket inputs were sent");
        Assert.True(sockets.Errors >= sockets.Inputs / 4, $"only {sockets.Errors} error frames for {sockets.Inputs} inputs");
        Assert.All(sockets.CloseCodes.Keys, code => Assert.Contains(code, DocumentedCloseCodes));
        Assert.True(requests.Sent >= HttpInputs / 2, $"only {requests.Sent} HTTP requests were sent");
        Assert.True(memoryAfter - memoryBefore < MemoryBound, $"managed heap grew by {(memoryAfter - memoryBefore) / 1024} KiB");
        Assert.All(ids, id => Assert.Equal(before[id], after[id]));

        // Still serving: a new conversation completes a turn, and the old ones resume and go on.
        await using (var fresh = await gateway.ConnectAsync($"after-fuzz-{Guid.NewGuid():N}"))
        {
            await fresh.SendMessageAsync("m1", "Hello again");
            Assert.Equal("assistant_message", (await fresh.UntilAsync(f => f.IsReply(1)))[^1].Type);
        }

        foreach (var id in ids)
        {
            await using var resumed = await gateway.ConnectAsync(id, lastSeq: lastSeqs[id] - 3);
            var replay = await resumed.UntilAsync(f => f.Seq == lastSeqs[id]);
            Assert.True(replay[0].IsSystem("conversation_resumed"));
            FrameAssert.Gapless(replay, from: lastSeqs[id] - 2);
            await resumed.SendMessageAsync("m3", "Can we book a demo?");
            var turn = await resumed.UntilAsync(f => f.IsReply(3));
            FrameAssert.Gapless(turn, from: lastSeqs[id] + 1);
        }
    }

    private static string SnapshotJson(Conversations.Grains.Interfaces.Model.ConversationSnapshot snapshot) =>
        JsonSerializer.Serialize(snapshot, ProtocolJsonContext.Default.ConversationSnapshot);

    private static string Describe<T>(ConcurrentDictionary<T, int> counts)
        where T : notnull =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key}: {c.Value}"));

    // Each input is followed by a ping frame, and the next input waits for its pong (or the close): the
    // gateway has then dealt with the input, and an input it never answers shows up as a violation.
    private static async Task FuzzSocketsAsync(GatewayHost gateway, Random random, string[] ids, Dictionary<string, long> lastSeqs, int count, SocketTally tally)
    {
        var deadline = Stopwatch.StartNew();
        RawWebSocket? socket = null;
        var pongs = new SemaphoreSlim(0);
        Task reading = Task.CompletedTask;
        try
        {
            for (var i = 0; i < count && deadline.Elapsed < PhaseBudget; i++)
            {
                if (socket is null)
                {
                    var id = ids[random.Next(ids.Length)];
                    socket = await RawWebSocket.ConnectAsync(gateway.HttpUri, $"/ws/conversation/{id}?last_seq={lastSeqs[id]}");
                    pongs = new SemaphoreSlim(0);
                    reading = ReadAsync(socket, tally, pongs);
                    tally.Connected();
                }

                var (kind, send) = NextFrame(random);
                tally.Sent(kind);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await send(socket, timeout.Token);
                    await socket.SendTextAsync("""{"type":"ping"}""", timeout.Token);
                    var answered = pongs.WaitAsync(timeout.Token);
                    if (await Task.WhenAny(answered, reading) == answered)
                    {
                        await answered;
                        continue;
                    }
                }
                catch (Exception exception) when (exception is SocketException or IOException or ObjectDisposedException)
                {
                    // Closed by the gateway meanwhile.
                }
                catch (OperationCanceledException)
                {
                    tally.Violation($"no answer within 10 s after a {kind} input");
                }

                await reading.WaitAsync(TimeSpan.FromSeconds(15));
                socket.Dispose();
                socket = null;
            }
        }
        finally
        {
            if (socket is not null)
            {
                // A normal goodbye; the gateway answers it and closes.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await socket.SendFrameAsync(RawWebSocket.Close, new byte[] { 0x03, 0xE8 }, cancellationToken: timeout.Token);
                await reading.WaitAsync(TimeSpan.FromSeconds(15));
                socket.Dispose();
            }
        }
    }

    // Reads what the gateway sends until it closes: every text frame must be JSON, none may be a log
    // frame (nothing the fuzz sends may add to a conversation), and the close code is counted.
    private static async Task ReadAsync(RawWebSocket socket, SocketTally tally, SemaphoreSlim pongs)
    {
        while (true)
        {
            (byte Opcode, byte[] Payload)? frame;
            try
            {
                frame = await socket.ReceiveFrameAsync();
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            switch (frame)
            {
                case null:
                    tally.Dropped();
                    return;
                case { Opcode: RawWebSocket.Close } close:
                    tally.Closed(close.Payload.Length >= 2 ? (close.Payload[0] << 8) | close.Payload[1] : 1005);
                    return;
                case { Opcode: RawWebSocket.Text } text:
                    try
                    {
                        var parsed = Frame.Parse(Encoding.UTF8.GetString(text.Payload));
                        tally.Received(parsed);
                        if (parsed.Type == "pong")
                        {
                            pongs.Release();
                        }
                    }
                    catch (JsonException)
                    {
                        tally.Violation($"not JSON: {Encoding.UTF8.GetString(text.Payload)}");
                    }

                    break;
            }
        }
    }

    private static (string Kind, Func<RawWebSocket, CancellationToken, Task> Send) NextFrame(Random random)
    {
        static Func<RawWebSocket, CancellationToken, Task> Text(string text) => (s, ct) => s.SendTextAsync(text, ct);
        static Func<RawWebSocket, CancellationToken, Task> Bytes(byte opcode, byte[] payload, bool fin = true, bool masked = true) =>
            (s, ct) => s.SendFrameAsync(opcode, payload, fin, masked, ct);

        var valid = $$"""{"type":"user_message","id":"{{Junk(random, 8)}}","content":"{{Junk(random, 20)}}"}""";
        switch (random.Next(16))
        {
            case 0:
                // Starts with a closing brace: never JSON.
                return ("invalid-json", Text("}" + Junk(random, random.Next(0, 200))));
            case 1:
                return ("truncated-json", Text(valid[..random.Next(1, valid.Length - 1)]));
            case 2:
                return ("wrong-type", Text(Pick(random,
                    """{"type":"user_message","id":123,"content":"hi"}""",
                    """{"type":"user_message","id":"x","content":["hi"]}""",
                    """{"type":5}""",
                    """{"type":"resume","last_seq":"abc"}""",
                    """{"type":"resume","last_seq":-7}""",
                    """{"type":"cancel","turn":"last"}""",
                    """{"type":"cancel","turn":0}""",
                    """{"type":"user_message","id":"x","content":"hi","turn":{"a":1}}""",
                    """{"type":"user_message","id":"x","content":"hi","user_name":7}""")));
            case 3:
                var type = "x-" + Junk(random, random.Next(1, 30));
                return ("unknown-type", Text($$"""{"type":"{{type}}","id":"a","content":"b"}"""));
            case 4:
                return ("missing-field", Text(Pick(random,
                    """{"type":"user_message","content":"hi"}""",
                    """{"type":"user_message","id":"m-missing"}""",
                    """{"type":"user_message","id":"","content":"hi"}""",
                    """{"type":"user_message","id":"m-blank","content":"   "}""",
                    """{"type":"resume"}""",
                    """{"id":"m","content":"hi"}""",
                    """{}""")));
            case 5:
                return ("huge-string", Text(Pick(random,
                    $$"""{"type":"user_message","id":"m-huge","content":"{{new string('a', random.Next(4001, 12000))}}"}""",
                    $$"""{"type":"user_message","id":"{{new string('i', random.Next(65, 4000))}}","content":"hi"}""",
                    $$"""{"type":"user_message","id":"m-name","user_name":"{{new string('n', random.Next(101, 8000))}}"}""",
                    $$"""{"type":"{{new string('t', random.Next(1000, 12000))}}"}""")));
            case 6:
                return ("oversized", Text($$"""{"type":"user_message","id":"m-big","content":"{{new string('o', MaxFrameBytes + random.Next(1, 20000))}}"}"""));
            case 7:
                // Binary is refused whatever it holds, even a well-formed message.
                return ("binary", Bytes(RawWebSocket.Binary, random.Next(2) == 0 ? Encoding.UTF8.GetBytes(valid) : RandomBytes(random, 300)));
            case 8:
                return ("fragmented", async (s, ct) =>
                {
                    var bytes = Encoding.UTF8.GetBytes("}" + Junk(random, random.Next(10, 300)));
                    var parts = random.Next(2, 5);
                    var size = (bytes.Length / parts) + 1;
                    for (var p = 0; p * size < bytes.Length; p++)
                    {
                        var last = (p + 1) * size >= bytes.Length;
                        await s.SendFrameAsync(p == 0 ? RawWebSocket.Text : RawWebSocket.Continuation, bytes.AsMemory(p * size, Math.Min(size, bytes.Length - (p * size))), last, cancellationToken: ct);
                        if (!last && random.Next(2) == 0)
                        {
                            // A control frame between fragments is allowed.
                            await s.SendFrameAsync(RawWebSocket.Ping, Encoding.UTF8.GetBytes("mid"), cancellationToken: ct);
                        }
                    }
                }
                );
            case 9:
                return ("bad-fragmentation", Pick(random,
                    Bytes(RawWebSocket.Continuation, Encoding.UTF8.GetBytes("}orphan")),
                    async (s, ct) =>
                    {
                        await s.SendFrameAsync(RawWebSocket.Text, Encoding.UTF8.GetBytes("{\"type\":"), fin: false, cancellationToken: ct);
                        await s.SendFrameAsync(RawWebSocket.Text, Encoding.UTF8.GetBytes("}{"), cancellationToken: ct);
                    },
                    Bytes(RawWebSocket.Ping, Encoding.UTF8.GetBytes("fragmented ping"), fin: false)));
            case 10:
                return ("invalid-utf8", Bytes(RawWebSocket.Text, [.. "{\"type\":\"user_message\",\"id\":\"m-utf\",\"content\":\""u8.ToArray(), 0xC3, 0x28, 0xFF, 0xFE, .. "\"}"u8.ToArray()]));
            case 11:
                return ("control", Pick(random,
                    Bytes(RawWebSocket.Ping, RandomBytes(random, random.Next(0, 125))),
                    Bytes(RawWebSocket.Pong, RandomBytes(random, random.Next(0, 125)))));
            case 12:
                return ("bad-control", Pick(random,
                    Bytes(RawWebSocket.Ping, RandomBytes(random, random.Next(126, 1000))),
                    Bytes(RawWebSocket.Close, [0x03]),
                    Bytes(RawWebSocket.Close, [0x03, 0xE7]),
                    Bytes(RawWebSocket.Close, [0x13, 0x88, 0xFF])));
            case 13:
                return ("bad-framing", Pick(random,
                    Bytes(RawWebSocket.Text, Encoding.UTF8.GetBytes("{}"), masked: false),
                    Bytes(0x3, RandomBytes(random, 20)),
                    (s, ct) => s.SendRawAsync(new byte[] { 0xC1, 0x82, 1, 2, 3, 4, 5, 6 }, ct)));
            case 14:
                return ("not-an-object", Text(Pick(random, "[]", "[{\"type\":\"ping\"}]", "42", "\"user_message\"", "null", "true", string.Empty)));
            default:
                return ("random-bytes-as-text", Bytes(RawWebSocket.Text, [(byte)'}', .. RandomBytes(random, random.Next(0, 2000))]));
        }
    }

    private static async Task FuzzHttpAsync(HttpClient http, Random random, List<RouteEndpoint> endpoints, string[] ids, int count, HttpTally tally)
    {
        var deadline = Stopwatch.StartNew();
        for (var i = 0; i < count && deadline.Elapsed < PhaseBudget; i++)
        {
            var endpoint = endpoints[random.Next(endpoints.Count)];
            var accepted = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;

            // Mostly a method the endpoint takes, so that bodies reach its handler; sometimes any method.
            var method = accepted is { Count: > 0 } && random.Next(4) != 0 ? accepted[random.Next(accepted.Count)] : Methods[random.Next(Methods.Length)];

            // An existing conversation's id only goes with a read or a method the endpoint refuses, so that
            // no request can be a valid change to it.
            var acceptedUnsafe = !SafeMethods.Contains(method) && (accepted is null || accepted.Contains(method));
            var path = PathFor(endpoint.RoutePattern, random, acceptedUnsafe ? [] : ids);
            if (random.Next(3) == 0)
            {
                path += "?" + Pick(random, "last_seq=-1", "top=abc", "top=99999999999", "from=yesterday&to=%00", "user_id=" + new string('u', 500), "last_seq=1e9", "a=%ZZ&=&&");
            }

            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            if (method is not "GET" and not "HEAD")
            {
                var body = Body(random);
                request.Content = new ByteArrayContent(body);
                if (ContentTypes[random.Next(ContentTypes.Length)] is { } contentType)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                }
            }

            tally.Count();
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                tally.Statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if ((int)response.StatusCode >= 500)
                {
                    tally.Failures.Add($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                tally.Failures.Add($"{method} {path}: {exception.GetType().Name} {exception.Message}");
            }
        }
    }

    private static string PathFor(RoutePattern pattern, Random random, string[] ids)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart when ids.Length > 0 && random.Next(2) == 0 => ids[random.Next(ids.Length)],
                    RoutePatternParameterPart => Uri.EscapeDataString(Pick(random, "..", "%00", "a b", "ünï", new string('x', 300), "-1", "' OR 1=1 --", "<script>", Junk(random, 12))),
                    _ => string.Empty,
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private static byte[] Body(Random random) => random.Next(6) switch
    {
        0 => [],
        1 => RandomBytes(random, random.Next(1, 4096)),
        2 => Encoding.UTF8.GetBytes("{\"conversation_id\":\"" + Junk(random, 20)),
        3 => Encoding.UTF8.GetBytes(Pick(random, "[]", "[1,2,3]", "42", "\"text\"", "null", "[{\"content\":\"hi\"}]")),
        4 => Encoding.UTF8.GetBytes(new string('[', 5000)),
        _ => RandomBytes(random, random.Next(512 * 1024, 2 * 1024 * 1024)),
    };

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];

    private static string Junk(Random random, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_ ";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private sealed class SocketTally
    {
        private int _inputs;
        private int _connections;
        private int _errors;
        private int _pongs;
        private int _drops;

        public int Inputs => _inputs;

        public int Connections => _connections;

        public int Errors => _errors;

        public int Pongs => _pongs;

        public int Drops => _drops;

        public ConcurrentDictionary<string, int> Kinds { get; } = new();

        public ConcurrentDictionary<int, int> CloseCodes { get; } = new();

        public ConcurrentBag<string> Violations { get; } = [];

        public void Sent(string kind)
        {
            Interlocked.Increment(ref _inputs);
            Kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }

        public void Connected() => Interlocked.Increment(ref _connections);

        public void Dropped() => Interlocked.Increment(ref _drops);

        public void Closed(int code) => CloseCodes.AddOrUpdate(code, 1, (_, n) => n + 1);

        public void Violation(string what) => Violations.Add(what);

        public void Received(Frame frame)
        {
            if (frame.Seq is not null)
            {
                Violation($"a log frame: {frame.Raw}");
            }
            else if (frame.Type == "error")
            {
                Interlocked.Increment(ref _errors);
                if (frame.ErrorCode is not ("INVALID_MESSAGE" or "MESSAGE_TOO_LARGE"))
                {
                    Violation($"unexpected error: {frame.Raw}");
                }
            }
            else if (frame.Type == "pong")
            {
                Interlocked.Increment(ref _pongs);
            }
            else if (!frame.IsSystem("conversation_resumed"))
            {
                Violation($"unexpected frame: {frame.Raw}");
            }
        }
    }

    private sealed class HttpTally
    {
        private int _sent;

        public int Sent => Volatile.Read(ref _sent);

        public ConcurrentDictionary<int, int> Statuses { get; } = new();

        public ConcurrentBag<string> Failures { get; } = [];

        public void Count() => Interlocked.Increment(ref _sent);
    }
}
