using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class IntelligenceGrainTests(ClusterFixture fixture)
{
    private readonly IClusterClient _client = fixture.Client;

    [Fact]
    public async Task AnInterruptIsKeptInTheCheckpointWhenTheConversationLeavesMemory()
    {
        var id = $"intel-{Guid.NewGuid():N}";
        await using var frames = await FrameCollector.SubscribeAsync(_client, id);
        var grain = _client.GetGrain<IConversationGrain>(id);
        string[] messages = ["Hi, we need a CRM for our sales team", "Does it integrate with Slack?", "How much does it cost?"];
        for (var i = 0; i < messages.Length; i++)
        {
            await grain.SubmitAsync(new UserMessage($"m{i + 1}", messages[i], null, null));
            await frames.UntilAsync(f => f.IsReply(i + 1));
        }

        await _client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var snapshot = await _client.GetGrain<IConversationGrain>(id).GetSnapshotAsync();

        Assert.Equal(ConversationState.PriceNegotiation, snapshot.State);
        Assert.Equal("team_size", snapshot.WaitingForInput?.ExpectedInput);
        Assert.NotEmpty(snapshot.WaitingForInput!.Suggestions);

        await grain.SubmitAsync(new UserMessage("m4", "about 12 of us", null, null));
        var answered = await frames.UntilAsync(f => f.IsReply(4));
        Assert.DoesNotContain(answered, f => f.Content == "waiting_for_input");
        Assert.Null((await grain.GetSnapshotAsync()).WaitingForInput);
    }

    [Fact]
    public async Task AHandedOffConversationKeepsMessagesUnansweredUntilHandedBack()
    {
        var id = $"intel-{Guid.NewGuid():N}";
        await using var frames = await FrameCollector.SubscribeAsync(_client, id);
        var grain = _client.GetGrain<IConversationGrain>(id);

        await grain.SubmitAsync(new UserMessage("m1", "I want to speak to a human", null, null));
        var handoffTurn = await frames.UntilAsync(f => f.IsReply(1));
        Assert.Contains(handoffTurn, f => f.Content == "handoff");
        Assert.True((await grain.GetSnapshotAsync()).HandedOff);

        var silent = await grain.SubmitAsync(new UserMessage("m2", "hello? anyone there?", null, null));
        Assert.Equal(SubmitOutcome.Accepted, silent.Outcome);
        Assert.True(silent.Ack!.EndsTurn, "the ack is the whole of a turn nobody answers");
        var whileHandedOff = await grain.GetSnapshotAsync();
        Assert.Equal(string.Empty, whileHandedOff.RecentTurns.Single(t => t.Turn == 2).Reply);
        Assert.Equal(3, whileHandedOff.MessageCount);

        Assert.True(await grain.HandBackAsync());
        Assert.False(await grain.HandBackAsync());
        await grain.SubmitAsync(new UserMessage("m3", "Does it integrate with Slack?", null, null));
        var after = await frames.UntilAsync(f => f.IsReply(3));

        Assert.Equal("ack", after[0].Type);
        Assert.Equal(2, after[0].Turn);
        Assert.All(after.Skip(1), f => Assert.Equal(3, f.Turn));
        Assert.False((await grain.GetSnapshotAsync()).HandedOff);
    }
}
