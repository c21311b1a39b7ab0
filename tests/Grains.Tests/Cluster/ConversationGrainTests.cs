using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ConversationGrainTests(ClusterFixture fixture)
{
    private readonly IClusterClient _client = fixture.Client;

    [Fact]
    public async Task TurnUpdatesTheCheckpoint()
    {
        var (grain, frames) = await OpenAsync();
        await using var _ = frames;

        var result = await grain.SubmitAsync(new UserMessage("m1", "Hi, we are looking for a CRM for our sales team", "Ana", "u1"));
        Assert.Equal(SubmitOutcome.Accepted, result.Outcome);
        var turn = await frames.UntilAsync(f => f.IsReply(1));

        var snapshot = await grain.GetSnapshotAsync();
        Assert.Equal(1, snapshot.TurnCount);
        Assert.Equal(2, snapshot.MessageCount);
        Assert.Equal(turn[^1].Seq, snapshot.LastSeq);
        var recorded = Assert.Single(snapshot.RecentTurns);
        Assert.Equal("Hi, we are looking for a CRM for our sales team", recorded.UserMessage);
        Assert.Equal(turn[^1].Content, recorded.Reply);
        Assert.Equal(ConversationState.InitialContact, recorded.StateBefore);
        Assert.Equal(ConversationState.InterestQualification, recorded.StateAfter);
        Assert.Equal(ConversationState.InterestQualification, snapshot.State);
        Assert.Equal(ConversationState.InitialContact, snapshot.PreviousState);
        Assert.Equal("interest", recorded.Intent.Name);
        Assert.Contains("Ana", recorded.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeqIsStrictlyIncreasingAndGaplessAcrossTurns()
    {
        var (grain, frames) = await OpenAsync();
        await using var _ = frames;

        var streamed = new List<ParsedFrame>();
        for (var turn = 1; turn <= 3; turn++)
        {
            await grain.SubmitAsync(new UserMessage($"m{turn}", $"Tell me more about reporting, part {turn}", null, null));
            streamed.AddRange(await frames.UntilAsync(f => f.IsReply(turn)));
        }

        Assert.Equal(Enumerable.Range(1, streamed.Count).Select(i => (long)i), streamed.Select(f => f.Seq));
        var stored = await grain.ResumeAsync(0);
        Assert.False(stored.ResyncRequired);
        Assert.Equal(streamed.Select(f => f.Seq), stored.Frames.Select(f => f.Seq));
        Assert.Equal(streamed.Select(f => f.Json), stored.Frames.Select(f => f.Json));
        Assert.All(streamed, f => Assert.Equal(f.Seq, f.Root.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task EveryTurnStreamsAckProcessingDeltasAndOneMessage()
    {
        var (grain, frames) = await OpenAsync();
        await using var _ = frames;

        await grain.SubmitAsync(new UserMessage("m1", "How does the reporting work?", null, null));
        var turn = await frames.UntilAsync(f => f.IsReply(1));

        Assert.Equal("ack", turn[0].Type);
        Assert.Equal(("system", "processing"), (turn[1].Type, turn[1].Content));
        var deltas = turn.Where(f => f.Type == "assistant_delta").ToList();
        Assert.True(deltas.Count >= 2, $"expected several deltas, got {deltas.Count}");
        Assert.Equal(turn[^1].Content, string.Concat(deltas.Select(d => d.Root.GetProperty("delta").GetString())));
        Assert.Single(turn, f => f.Type == "assistant_message");
    }

    [Fact]
    public async Task ResentMessageIdMakesNoSecondTurn()
    {
        var (grain, frames) = await OpenAsync();
        await using var _ = frames;

        var first = await grain.SubmitAsync(new UserMessage("same", "What does it cost?", null, null));
        var again = await grain.SubmitAsync(new UserMessage("same", "What does it cost?", null, null));
        await frames.UntilAsync(f => f.IsReply(1));
        var afterReply = await grain.SubmitAsync(new UserMessage("same", "different text, same id", null, null));

        Assert.Equal(SubmitOutcome.Accepted, first.Outcome);
        Assert.Equal(SubmitOutcome.Duplicate, again.Outcome);
        Assert.Equal(SubmitOutcome.Duplicate, afterReply.Outcome);
        Assert.Equal(first.Ack!.Json, again.Ack!.Json);
        Assert.Equal(first.Ack.Json, afterReply.Ack!.Json);
        var snapshot = await grain.GetSnapshotAsync();
        Assert.Equal(1, snapshot.TurnCount);
        Assert.Single(snapshot.RecentTurns);
    }

    [Fact]
    public async Task FramesAfterLastSeqComeBackExactly()
    {
        var (grain, frames) = await OpenAsync();
        await using var _ = frames;
        await grain.SubmitAsync(new UserMessage("a", "hello", null, null));
        await frames.UntilAsync(f => f.IsReply(1));
        await grain.SubmitAsync(new UserMessage("b", "we need a tool for support tickets", null, null));
        var last = (await frames.UntilAsync(f => f.IsReply(2)))[^1].Seq;

        foreach (var lastSeq in new long[] { 0, 1, 5, last - 1, last })
        {
            var resumed = await grain.ResumeAsync(lastSeq);
            Assert.False(resumed.ResyncRequired);
            Assert.Equal(LongRange(lastSeq + 1, last), resumed.Frames.Select(f => f.Seq));
            Assert.Equal(last, resumed.Snapshot.LastSeq);
        }
    }

    [Fact]
    public async Task LastSeqOutsideTheReplayWindowRequiresAResync()
    {
        var (grain, frames) = await OpenAsync();
        await using var _ = frames;
        long last = 0;
        for (var turn = 1; turn <= 12; turn++)
        {
            await grain.SubmitAsync(new UserMessage($"m{turn}", "ok", null, null));
            last = (await frames.UntilAsync(f => f.IsReply(turn)))[^1].Seq;
        }

        var tooOld = await grain.ResumeAsync(1);
        var ahead = await grain.ResumeAsync(last + 5);
        var recent = await grain.ResumeAsync(last - 3);

        Assert.True(tooOld.ResyncRequired);
        Assert.Empty(tooOld.Frames);
        Assert.Equal(last, tooOld.Snapshot.LastSeq);
        Assert.True(ahead.ResyncRequired);
        Assert.False(recent.ResyncRequired);
        Assert.Equal(LongRange(last - 2, last), recent.Frames.Select(f => f.Seq));
        Assert.Equal(12, tooOld.Snapshot.TurnCount);
        Assert.Equal(10, tooOld.Snapshot.RecentTurns.Count);
        Assert.Contains("Turn 2", tooOld.Snapshot.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagesSentDuringAReplyAreAnsweredInOrder()
    {
        var (grain, frames) = await OpenAsync();
        await using var _ = frames;

        var first = await grain.SubmitAsync(new UserMessage("m1", "Tell me about your product", null, null));
        var second = await grain.SubmitAsync(new UserMessage("m2", "And the price?", null, null));
        var all = await frames.UntilAsync(f => f.IsReply(2));

        Assert.Equal(SubmitOutcome.Accepted, second.Outcome);
        var firstReply = all.FindIndex(f => f.IsReply(1));
        var secondStart = all.FindIndex(f => f.Type == "system" && f.Content == "processing" && f.Turn == 2);
        Assert.True(firstReply >= 0 && firstReply < secondStart, "turn 2 must start after turn 1 is answered");
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(f => f.Seq));
        Assert.Equal(1, first.Ack!.Seq);
    }

    [Fact]
    public async Task CancelKeepsThePartialReplyMarkedCancelled()
    {
        var (grain, frames) = await OpenAsync();
        await using var _ = frames;

        await grain.SubmitAsync(new UserMessage("m1", "Tell me everything about your reporting features", null, null));
        var upToFirstDelta = await frames.UntilAsync(f => f.Type == "assistant_delta");
        var cancel = await grain.CancelAsync(null);
        var rest = await frames.UntilAsync(f => f.IsReply(1));

        Assert.True(cancel.Cancelled);
        Assert.Equal(1, cancel.Turn);
        var reply = rest[^1];
        Assert.True(reply.Root.GetProperty("metadata").GetProperty("cancelled").GetBoolean());
        var deltas = upToFirstDelta.Concat(rest).Where(f => f.Type == "assistant_delta");
        Assert.Equal(reply.Content, string.Concat(deltas.Select(d => d.Root.GetProperty("delta").GetString())));
        Assert.Equal(ConversationState.InitialContact, (await grain.GetSnapshotAsync()).State);
        Assert.True((await grain.GetSnapshotAsync()).RecentTurns[0].Cancelled);
    }

    [Fact]
    public async Task CancelWithNothingRunningChangesNothing()
    {
        var grain = _client.GetGrain<IConversationGrain>(NewId());
        var result = await grain.CancelAsync(3);
        Assert.False(result.Cancelled);
        Assert.Equal(0, (await grain.GetSnapshotAsync()).LastSeq);
    }

    private async Task<(IConversationGrain Grain, FrameCollector Frames)> OpenAsync()
    {
        var id = NewId();
        var frames = await FrameCollector.SubscribeAsync(_client, id);
        return (_client.GetGrain<IConversationGrain>(id), frames);
    }

    private static string NewId() => $"test-{Guid.NewGuid():N}";

    private static IEnumerable<long> LongRange(long from, long to)
    {
        for (var i = from; i <= to; i++)
        {
            yield return i;
        }
    }
}
