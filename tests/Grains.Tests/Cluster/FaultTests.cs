using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Tests.Cluster;

[Collection(FaultClusterCollection.Name)]
public sealed class FaultTests(FaultClusterFixture fixture)
{
    private readonly IClusterClient _client = fixture.Client;

    [Fact]
    public async Task WhatIsStoredIsWhatTheGrainHandedOverWhileMessagesAndRatingsArriveDuringReplies()
    {
        var id = $"yield-{Guid.NewGuid():N}";
        var grain = _client.GetGrain<IConversationGrain>(id);
        await using var frames = await FrameCollector.SubscribeAsync(_client, id);

        // Messages arrive while replies stream and every write waits: the grain goes on appending and changing.
        var streamed = new List<ParsedFrame>();
        await grain.SubmitAsync(new UserMessage("m1", "Hi, we are looking for a CRM for our sales team", "Ana", "u1"));
        await grain.SubmitAsync(new UserMessage("m2", "We are about 25 people", null, null));
        streamed.AddRange(await frames.UntilAsync(f => f.IsReply(1)));
        await grain.RateTurnAsync(new TurnFeedback(1, 4, "ok", default));
        await grain.SubmitAsync(new UserMessage("m3", "What does it cost?", null, null));
        await grain.SubmitAsync(new UserMessage("m4", "Does it integrate with Gmail?", null, null));
        streamed.AddRange(await frames.UntilAsync(f => f.IsReply(4)));

        Assert.Empty(YieldingLogStore.Changed);
        Assert.True(YieldingLogStore.Appends[id] >= 8, $"{YieldingLogStore.Appends[id]} appends");
        var stored = await grain.ResumeAsync(0);
        Assert.Equal(streamed.Select(f => f.Json), stored.Frames.Select(f => f.Json));
        Assert.Equal(4, stored.Snapshot.TurnCount);
    }

    [Fact]
    public async Task AReplyThatFailsIsTriedAgainAndThenEndsWithAnErrorKeepingTheMessage()
    {
        var id = $"failing-{Guid.NewGuid():N}";
        var grain = _client.GetGrain<IConversationGrain>(id);
        await using var frames = await FrameCollector.SubscribeAsync(_client, id);

        await grain.SubmitAsync(new UserMessage("m1", $"{FailingReplyGenerator.Marker} Tell me about pricing", null, null));
        var turn = await frames.UntilAsync(f => f.Type == "error" && f.Turn == 1);

        var starts = turn.Where(f => f.Type == "system" && f.Content == "processing").ToList();
        Assert.Equal(3, starts.Count);
        Assert.False(starts[0].Root.GetProperty("metadata").TryGetProperty("restarted", out _));
        Assert.All(starts.Skip(1), s => Assert.True(s.Root.GetProperty("metadata").GetProperty("restarted").GetBoolean()));
        Assert.Equal("INTERNAL_ERROR", turn[^1].Root.GetProperty("error_code").GetString());
        Assert.DoesNotContain(turn, f => f.Type == "assistant_message");

        var snapshot = await grain.GetSnapshotAsync();
        var kept = Assert.Single(snapshot.RecentTurns);
        Assert.True(kept.Failed);
        Assert.Contains("Tell me about pricing", kept.UserMessage, StringComparison.Ordinal);

        // The conversation goes on.
        await grain.SubmitAsync(new UserMessage("m2", "Hi, how does the reporting work?", null, null));
        var next = await frames.UntilAsync(f => f.IsReply(2));
        Assert.Equal(turn[^1].Seq + 1, next[0].Seq);
    }
}
