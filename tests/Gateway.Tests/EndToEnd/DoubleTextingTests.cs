namespace Conversations.Gateway.Tests.EndToEnd;

// Each policy needs its own gateway; replies are paced at 100 ms a piece so that a second message reliably
// arrives while the first reply streams.
public sealed class DoubleTextingTests
{
    private const string LongMessage = "Tell me more about your reporting features";

    [Fact]
    public Task EnqueueAnswersTheSecondMessageAfterTheFirstReply() => WhileTheFirstReplyStreamsAsync("Enqueue", async (client, before) =>
    {
        await client.SendMessageAsync("m2", "Does it integrate with Slack?");
        var rest = await client.UntilAsync(f => f.IsReply(2));

        var frames = before.Concat(rest).ToList();
        var firstReply = frames.Single(f => f.IsReply(1));
        Assert.False(firstReply.Root.GetProperty("metadata").TryGetProperty("cancelled", out _));
        Assert.True(frames.FindIndex(f => f.Type == "ack" && f.Turn == 2) < frames.IndexOf(firstReply));
        Assert.True(frames.IndexOf(firstReply) < frames.FindIndex(f => f.IsSystem("processing") && f.Turn == 2));
        FrameAssert.Gapless(frames, from: 1);
    });

    [Fact]
    public Task RejectRefusesTheSecondMessageWithConversationBusyAndStoresNothing() => WhileTheFirstReplyStreamsAsync("Reject", async (client, before) =>
    {
        await client.SendMessageAsync("m2", "Does it integrate with Slack?");
        var rest = await client.UntilAsync(f => f.IsReply(1));

        var busy = Assert.Single(rest, f => f.Type == "error");
        Assert.Equal("CONVERSATION_BUSY", busy.ErrorCode);
        Assert.Null(busy.Seq);
        Assert.True(busy.Root.GetProperty("retry_suggested").GetBoolean());
        Assert.DoesNotContain(rest, f => f.Type == "ack");
        Assert.False(rest[^1].Root.GetProperty("metadata").TryGetProperty("cancelled", out _));
        FrameAssert.Gapless(before.Concat(rest), from: 1);

        await client.SendMessageAsync("m2", "Does it integrate with Slack?");
        var retried = await client.UntilAsync(f => f.IsReply(2));
        Assert.Equal(("ack", "m2"), (retried[0].Type, retried[0].Root.GetProperty("id").GetString()));
    });

    [Fact]
    public Task InterruptCancelsTheRunningReplyAndAnswersTheNewMessage() => WhileTheFirstReplyStreamsAsync("Interrupt", async (client, before) =>
    {
        await client.SendMessageAsync("m2", "Does it integrate with Slack?");
        var rest = await client.UntilAsync(f => f.IsReply(2));

        var frames = before.Concat(rest).ToList();
        var first = frames.Single(f => f.IsReply(1));
        Assert.True(first.Root.GetProperty("metadata").GetProperty("cancelled").GetBoolean());
        Assert.Equal(first.Content, string.Concat(frames.Where(f => f.Type == "assistant_delta" && f.Turn == 1).Select(f => f.Delta)));
        Assert.False(frames[^1].Root.GetProperty("metadata").TryGetProperty("cancelled", out _));
        Assert.False(string.IsNullOrEmpty(frames[^1].Content));
        FrameAssert.Gapless(frames, from: 1);
    });

    [Fact]
    public Task CancelStopsTheReplyKeepingItsPartialText() => WhileTheFirstReplyStreamsAsync("Enqueue", async (client, before) =>
    {
        await client.SendAsync(new { type = "cancel" });
        var rest = await client.UntilAsync(f => f.IsReply(1));

        var frames = before.Concat(rest).ToList();
        var reply = frames[^1];
        Assert.True(reply.Root.GetProperty("metadata").GetProperty("cancelled").GetBoolean());
        Assert.Equal("initial_contact", reply.Root.GetProperty("state").GetString());
        Assert.Equal(reply.Content, string.Concat(frames.Where(f => f.Type == "assistant_delta").Select(f => f.Delta)));
        Assert.DoesNotContain(frames, f => f.IsSystem("state_changed"));
        FrameAssert.Gapless(frames, from: 1);
    });

    // Starts a gateway with the policy, sends a first message and hands over once its first delta arrived.
    private static async Task WhileTheFirstReplyStreamsAsync(string policy, Func<ProtocolClient, List<Frame>, Task> test)
    {
        await using var gateway = await GatewayHost.StartAsync(
        "--Conversations:DoubleTexting", policy, "--Responders:Offline:ChunkDelay", "00:00:00.100");
        await using var client = await gateway.ConnectAsync(NewId());
        await client.SendMessageAsync("m1", LongMessage);
        var before = await client.UntilAsync(f => f.Type == "assistant_delta");
        await test(client, before);
    }

    private static string NewId() => $"double-{Guid.NewGuid():N}";
}
