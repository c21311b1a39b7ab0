using System.Net.WebSockets;

namespace Conversations.Gateway.Tests.EndToEnd;

[Collection(GatewayCollection.Name)]
public sealed class ConversationSocketTests(GatewayFixture fixture)
{
    private readonly GatewayHost _gateway = fixture.Host;

    [Fact]
    public async Task ReplyStreamsAsDeltasAndEndsWithTheWholeMessage()
    {
        await using var client = await _gateway.ConnectAsync(NewId(), query: "user_name=Ana");
        await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
        var frames = await client.UntilAsync(f => f.IsReply(1));

        Assert.Equal("ack", frames[0].Type);
        Assert.Equal("m1", frames[0].Root.GetProperty("id").GetString());
        Assert.True(frames[1].IsSystem("processing"));
        var deltas = frames.Where(f => f.Type == "assistant_delta").ToList();
        Assert.True(deltas.Count >= 2, $"expected several deltas, got {deltas.Count}");
        var reply = frames[^1];
        Assert.Equal(reply.Content, string.Concat(deltas.Select(d => d.Delta)));
        Assert.Contains("Ana", reply.Content, StringComparison.Ordinal);
        Assert.Equal("interest_qualification", reply.Root.GetProperty("state").GetString());
        Assert.Equal("initial_contact", reply.Root.GetProperty("previous_state").GetString());
        Assert.Equal("interest", reply.Root.GetProperty("intent").GetProperty("name").GetString());
        FrameAssert.Gapless(frames, from: 1);
        Assert.All(frames, f => Assert.True(f.Root.TryGetProperty("timestamp", out _)));
    }

    [Fact]
    public async Task ClientDroppedMidReplyResumesWithLastSeqAndSeesEveryFrameOnce()
    {
        var id = NewId();
        var first = await _gateway.ConnectAsync(id);
        await first.SendMessageAsync("m1", "Tell me more about your reporting features");
        var beforeDrop = await first.UntilAsync(f => f.Type == "assistant_delta");
        first.Abort();
        await first.DisposeAsync();

        await using var second = await _gateway.ConnectAsync(id, lastSeq: beforeDrop[^1].Seq);
        var afterDrop = await second.UntilAsync(f => f.IsReply(1));

        Assert.True(afterDrop[0].IsSystem("conversation_resumed"));
        var logFrames = beforeDrop.Concat(afterDrop.Skip(1)).ToList();
        FrameAssert.Gapless(logFrames, from: 1);
        var deltas = logFrames.Where(f => f.Type == "assistant_delta").Select(f => f.Delta);
        Assert.Equal(afterDrop[^1].Content, string.Concat(deltas));
    }

    [Fact]
    public async Task ConnectingToAConversationWithTurnsStartsWithConversationResumed()
    {
        var id = NewId();
        long last;
        await using (var client = await _gateway.ConnectAsync(id))
        {
            await client.SendMessageAsync("m1", "How much is it?");
            last = (await client.UntilAsync(f => f.IsReply(1)))[^1].Seq!.Value;
        }

        await using var again = await _gateway.ConnectAsync(id, lastSeq: 2);
        var resumed = await again.NextAsync();
        Assert.True(resumed.IsSystem("conversation_resumed"));
        var metadata = resumed.Root.GetProperty("metadata");
        Assert.Equal(last, metadata.GetProperty("last_seq").GetInt64());
        Assert.Equal(2, metadata.GetProperty("message_count").GetInt32());
        Assert.Equal("price_negotiation", metadata.GetProperty("state").GetString());
        Assert.False(string.IsNullOrWhiteSpace(metadata.GetProperty("conversation_summary").GetString()));
        var replay = await again.UntilAsync(f => f.Seq == last);
        FrameAssert.Gapless(replay, from: 3);
    }

    [Fact]
    public async Task ResumeFrameOnAnOpenSocketReplaysExactlyTheFramesAfterLastSeq()
    {
        await using var client = await _gateway.ConnectAsync(NewId());
        await client.SendMessageAsync("m1", "hello there");
        var turn = await client.UntilAsync(f => f.IsReply(1));

        await client.SendAsync(new { type = "resume", last_seq = 4 });
        var replay = await client.UntilAsync(f => f.IsReply(1));

        Assert.True(replay[0].IsSystem("conversation_resumed"));
        Assert.Equal(turn.Where(f => f.Seq > 4).Select(f => f.Raw), replay.Skip(1).Select(f => f.Raw));
    }

    [Fact]
    public async Task TwoConversationsDoNotSeeEachOthersFrames()
    {
        var (idA, idB) = (NewId(), NewId());
        await using var a = await _gateway.ConnectAsync(idA);
        await using var b = await _gateway.ConnectAsync(idB);
        await a.SendMessageAsync("a1", "What does it cost?");
        await b.SendMessageAsync("b1", "Does it integrate with Slack?");
        var framesA = await a.UntilAsync(f => f.IsReply(1));
        var framesB = await b.UntilAsync(f => f.IsReply(1));
        await a.SendAsync(new { type = "ping" });
        var pong = await a.NextAsync();

        Assert.All(framesA, f => Assert.Equal(idA, f.Root.GetProperty("conversation_id").GetString()));
        Assert.All(framesB, f => Assert.Equal(idB, f.Root.GetProperty("conversation_id").GetString()));
        Assert.Equal("pong", pong.Type);
        FrameAssert.Gapless(framesA, from: 1);
        FrameAssert.Gapless(framesB, from: 1);
    }

    [Fact]
    public async Task FiftyConversationsAtOnceAllComplete()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => NewId()).ToArray();
        var results = await Task.WhenAll(ids.Select(async id =>
        {
            await using var client = await _gateway.ConnectAsync(id);
            await client.SendMessageAsync("m1", $"Hello from {id}, what does it cost?");
            var first = await client.UntilAsync(f => f.IsReply(1), TimeSpan.FromSeconds(60));
            await client.SendMessageAsync("m2", "Sounds good, let's do it");
            var second = await client.UntilAsync(f => f.IsReply(2), TimeSpan.FromSeconds(60));
            return (Id: id, Frames: first.Concat(second).ToList());
        }));

        Assert.All(results, result =>
        {
            FrameAssert.Gapless(result.Frames, from: 1);
            Assert.All(result.Frames, f => Assert.Equal(result.Id, f.Root.GetProperty("conversation_id").GetString()));
            Assert.Equal(2, result.Frames.Count(f => f.Type == "assistant_message"));
        });
    }

    [Fact]
    public async Task ResentMessageIdGetsTheOriginalAckAndNoSecondTurn()
    {
        var id = NewId();
        await using var client = await _gateway.ConnectAsync(id);
        await client.SendMessageAsync("m1", "hello");
        var turn = await client.UntilAsync(f => f.IsReply(1));

        await client.SendMessageAsync("m1", "hello");
        var repeated = await client.NextAsync();
        await client.SendAsync(new { type = "ping" });
        var pong = await client.NextAsync();

        Assert.Equal(turn[0].Raw, repeated.Raw);
        Assert.Equal("pong", pong.Type);
        await using var check = await _gateway.ConnectAsync(id, lastSeq: turn[^1].Seq);
        var resumed = await check.NextAsync();
        Assert.Equal(2, resumed.Root.GetProperty("metadata").GetProperty("message_count").GetInt32());
    }

    [Fact]
    public async Task BadFramesGetAClearErrorAndTheSocketStaysOpen()
    {
        await using var client = await _gateway.ConnectAsync(NewId());

        await client.SendTextAsync("this is not json");
        var notJson = await client.NextAsync();
        await client.SendAsync(new { type = "dance" });
        var unknown = await client.NextAsync();
        await client.SendAsync(new { type = "user_message", content = "no id" });
        var missing = await client.NextAsync();
        await client.SendAsync(new { type = "user_message", id = "big", content = new string('a', 4001) });
        var tooLong = await client.NextAsync();
        await client.SendBinaryAsync([1, 2, 3]);
        var binary = await client.NextAsync();
        await client.SendMessageAsync("ok", "hello");
        var afterwards = await client.UntilAsync(f => f.IsReply(1));

        Assert.Equal("INVALID_MESSAGE", notJson.ErrorCode);
        Assert.Equal("INVALID_MESSAGE", unknown.ErrorCode);
        Assert.Contains("dance", unknown.Root.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("INVALID_MESSAGE", missing.ErrorCode);
        Assert.Equal("id", missing.Root.GetProperty("metadata").GetProperty("field").GetString());
        Assert.Equal("MESSAGE_TOO_LARGE", tooLong.ErrorCode);
        Assert.Equal("INVALID_MESSAGE", binary.ErrorCode);
        Assert.All(new[] { notJson, unknown, missing, tooLong, binary }, error =>
        {
            Assert.Null(error.Seq);
            Assert.True(error.Root.GetProperty("metadata").GetProperty("conversation_preserved").GetBoolean());
            Assert.False(error.Root.GetProperty("retry_suggested").GetBoolean());
        });
        Assert.Equal("ack", afterwards[0].Type);
        Assert.Equal(1, afterwards[0].Seq);
        FrameAssert.Gapless(afterwards, from: 1);
    }

    [Fact]
    public async Task OversizedFrameIsRefusedAndTheNextOneClosesTheSocket()
    {
        await using var client = await _gateway.ConnectAsync(NewId());
        var oversized = $"{{\"type\":\"user_message\",\"id\":\"x\",\"content\":\"{new string('a', 70 * 1024)}\"}}";

        await client.SendTextAsync(oversized);
        var warning = await client.NextAsync();
        await client.SendAsync(new { type = "ping" });
        var pong = await client.NextAsync();
        await client.SendTextAsync(oversized);
        var last = await client.NextAsync();
        var status = await client.ClosedAsync();

        Assert.Equal("MESSAGE_TOO_LARGE", warning.ErrorCode);
        Assert.Equal(65536, warning.Root.GetProperty("metadata").GetProperty("limit").GetInt64());
        Assert.Equal("pong", pong.Type);
        Assert.Equal("MESSAGE_TOO_LARGE", last.ErrorCode);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
    }

    [Fact]
    public async Task ResumeFromBeyondTheLogAsksForAResync()
    {
        await using var client = await _gateway.ConnectAsync(NewId(), lastSeq: 500);
        await client.SendMessageAsync("m1", "hello");
        var frames = await client.UntilAsync(f => f.IsReply(1));

        Assert.True(frames[0].IsSystem("resync_required"));
        Assert.Equal(0, frames[0].Root.GetProperty("metadata").GetProperty("last_seq").GetInt64());
        FrameAssert.Gapless(frames.Skip(1).ToList(), from: 1);
    }

    private static string NewId() => $"e2e-{Guid.NewGuid():N}";
}
