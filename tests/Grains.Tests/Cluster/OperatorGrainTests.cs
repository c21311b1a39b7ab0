using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class OperatorGrainTests(ClusterFixture fixture)
{
    private static readonly OperatorIdentity Dana = new("dana", "Dana");
    private static readonly OperatorIdentity Sam = new("sam", "Sam");
    private readonly IClusterClient _client = fixture.Client;

    [Fact]
    public async Task TheOperatorWhoTookAConversationOverStillHoldsItWhenItLeavesMemory()
    {
        var id = $"op-{Guid.NewGuid():N}";
        await using var frames = await FrameCollector.SubscribeAsync(_client, id);
        var grain = _client.GetGrain<IConversationGrain>(id);
        await grain.SubmitAsync(new UserMessage("m1", "I want to speak to a human", null, null));
        await frames.UntilAsync(f => f.IsReply(1));

        var joined = await grain.TakeOverAsync(Dana);
        Assert.Equal(OperatorOutcome.Done, joined.Outcome);
        var replied = await grain.ReplyAsOperatorAsync(Dana, "Hello, Dana here.");
        Assert.Equal(OperatorOutcome.Done, replied.Outcome);

        await _client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        grain = _client.GetGrain<IConversationGrain>(id);

        var other = await grain.TakeOverAsync(Sam);
        Assert.Equal(OperatorOutcome.HeldByAnother, other.Outcome);
        Assert.Equal(Dana, other.HeldBy);
        Assert.Equal(OperatorOutcome.HeldByAnother, (await grain.ReplyAsOperatorAsync(Sam, "Sam here")).Outcome);
        Assert.Equal(OperatorOutcome.AlreadyHeld, (await grain.TakeOverAsync(Dana)).Outcome);
        Assert.Equal(OperatorOutcome.HeldByAnother, (await grain.HandBackAsync(Sam)).Outcome);

        var replay = (await grain.ResumeAsync(0)).Frames.Select(ParsedFrame.From).ToList();
        var join = replay.Single(f => f.Seq == joined.Seq);
        Assert.Equal("operator_joined", join.Root.GetProperty("metadata").GetProperty("event").GetString());
        Assert.Equal("user_requested", join.Root.GetProperty("metadata").GetProperty("reason").GetString());
        var message = replay.Single(f => f.Seq == replied.Seq);
        Assert.Equal(("assistant_message", "operator", "Dana"), (message.Type, message.Root.GetProperty("author").GetString(), message.Root.GetProperty("author_name").GetString()));

        var left = await grain.HandBackAsync(Dana);
        Assert.Equal(OperatorOutcome.Done, left.Outcome);
        Assert.Equal(replied.Seq + 1, left.Seq);
        Assert.False((await grain.GetSnapshotAsync()).HandedOff);
        Assert.Equal(OperatorOutcome.NotHandedOff, (await grain.TakeOverAsync(Dana)).Outcome);
    }

    [Fact]
    public async Task TheQueueListsAHandOffUntilItIsHandedBackAndCountsWhatTheOperatorDid()
    {
        var id = $"op-{Guid.NewGuid():N}";
        await using var frames = await FrameCollector.SubscribeAsync(_client, id);
        var grain = _client.GetGrain<IConversationGrain>(id);
        var queue = _client.GetGrain<IHandoffQueueGrain>(IHandoffQueueGrain.Key);
        var before = await queue.TallyAsync(1);

        await grain.SubmitAsync(new UserMessage("m1", "Let me talk to a real person please", null, null));
        await frames.UntilAsync(f => f.IsReply(1));
        var entry = Assert.Single(await queue.ListAsync(), e => e.ConversationId == id);
        Assert.Equal("user_requested", entry.Reason);
        Assert.Null(entry.TakenBy);

        await grain.TakeOverAsync(Dana);
        await grain.SubmitAsync(new UserMessage("m2", "thanks, my invoice is wrong", null, null));
        await grain.ReplyAsOperatorAsync(Dana, "Let me look at it.");
        entry = Assert.Single(await queue.ListAsync(), e => e.ConversationId == id);
        Assert.Equal((Dana, "thanks, my invoice is wrong"), (entry.TakenBy, entry.LastUserMessage));

        await grain.HandBackAsync(Dana);
        Assert.DoesNotContain(await queue.ListAsync(), e => e.ConversationId == id);
        var after = await queue.TallyAsync(1);
        Assert.Equal(
            (1, 1, 1, 1),
            (after.HandedOff - before.HandedOff, after.Taken - before.Taken, after.OperatorReplies - before.OperatorReplies, after.HandedBack - before.HandedBack));
    }

    [Fact]
    public async Task AHandOffTheQueueNeverHeardOfIsListedWhenTheConversationIsActivatedAgain()
    {
        var id = $"op-{Guid.NewGuid():N}";
        await using var frames = await FrameCollector.SubscribeAsync(_client, id);
        var grain = _client.GetGrain<IConversationGrain>(id);
        var queue = _client.GetGrain<IHandoffQueueGrain>(IHandoffQueueGrain.Key);
        await grain.SubmitAsync(new UserMessage("m1", "I want to speak to a human", null, null));
        await frames.UntilAsync(f => f.IsReply(1));
        await grain.TakeOverAsync(Dana);

        // As if the notices had been lost: the conversation's checkpoint still says it is handed off.
        await queue.RemoveAsync(id);
        await _client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.True((await grain.GetSnapshotAsync()).HandedOff);

        var entry = Assert.Single(await queue.ListAsync(), e => e.ConversationId == id);
        Assert.Equal(("user_requested", Dana, "I want to speak to a human"), (entry.Reason, entry.TakenBy, entry.LastUserMessage));
    }
}
