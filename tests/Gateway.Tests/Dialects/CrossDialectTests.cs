using Conversations.Gateway.Tests.EndToEnd;
using Conversations.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Gateway.Tests.Dialects;

/// <summary>One conversation continued from several dialects and our protocol: one log, each turn once.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CrossDialectTests(GatewayFixture fixture)
{
    private readonly GatewayHost _gateway = fixture.Host;

    [Fact]
    public async Task MeetingMuseSupportDeskTheDmApiAndOurProtocolShareOneLogWithoutDuplicateTurns()
    {
        var id = $"x-{Guid.NewGuid():N}";
        var meetingMuseFrame = $$"""{"type":"user_message","content":"Hi, we are looking for a CRM for our sales team","timestamp":"2025-01-28T10:30:00Z","session_id":"{{id}}"}""";
        await using (var meetingMuse = await DialectClient.ConnectAsync(_gateway.WebSocketUri, $"/ws/{id}"))
        {
            await meetingMuse.SendAsync(meetingMuseFrame);
            await meetingMuse.UntilAsync(f => !f.Has("type"));
        }

        await using (var supportDesk = await DialectClient.ConnectAsync(_gateway.WebSocketUri, $"/api/v1/chat/ws/{id}"))
        {
            await supportDesk.SendAsync("""{"content":"Does it integrate with Slack?"}""");
            Assert.Equal("assistant", (await supportDesk.NextAsync()).Text("role"));
        }

        // The MeetingMuse client resends its first frame after a reconnect: it is not a new turn.
        await using (var meetingMuse = await DialectClient.ConnectAsync(_gateway.WebSocketUri, $"/ws/{id}"))
        {
            Assert.True((await meetingMuse.NextAsync()).IsSystem("conversation_resumed"));
            await meetingMuse.SendAsync(meetingMuseFrame);
            await meetingMuse.SendAsync("""{"type":"ping"}""");
            Assert.Equal("pong", (await meetingMuse.NextAsync()).Text("type"));
        }

        using (var api = new ApiCall(_gateway.HttpUri))
        {
            var moved = await api.PostAsync($"/conversations/{id}/transition", """{"user_message":"Tell me about pricing","user_name":"John"}""");
            Assert.Equal(3, moved.Body.GetProperty("turn").GetInt32());
        }

        await using var native = await _gateway.ConnectAsync(id, lastSeq: 0);
        Assert.True((await native.NextAsync()).IsSystem("conversation_resumed"));
        await native.SendMessageAsync("n1", "Sounds good, let's do it");
        var log = await native.UntilAsync(f => f.IsReply(4));

        FrameAssert.Gapless(log, from: 1);
        var acks = log.Where(f => f.Type == "ack").ToList();
        Assert.Equal([1, 2, 3, 4], acks.Select(a => a.Turn!.Value));
        Assert.Equal(4, acks.Select(a => a.Id).Distinct().Count());
        Assert.Equal([1, 2, 3, 4], log.Where(f => f.Type == "assistant_message").Select(f => f.Turn!.Value));
        var snapshot = await _gateway.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(id).GetSnapshotAsync();
        Assert.Equal(4, snapshot.TurnCount);
    }

    [Fact]
    public async Task AnOperatorsMessageReachesEveryDialectAsAReplyNamedAsAPersons()
    {
        var id = $"x-{Guid.NewGuid():N}";
        await using (var native = await _gateway.ConnectAsync(id))
        {
            await native.SendMessageAsync("m1", "I want to talk to a real person");
            await native.UntilAsync(f => f.IsReply(1));
        }

        await using var meetingMuse = await DialectClient.ConnectAsync(_gateway.WebSocketUri, $"/ws/{id}");
        Assert.True((await meetingMuse.NextAsync()).IsSystem("conversation_resumed"));
        await using var supportDesk = await DialectClient.ConnectAsync(_gateway.WebSocketUri, $"/api/v1/chat/ws/{id}");
        using var api = new ApiCall(_gateway.HttpUri);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.PostAsync($"/api/v1/operator/conversations/{id}/take", """{"operator_name":"Dana"}""")).Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.PostAsync($"/api/v1/operator/conversations/{id}/reply", """{"content":"Dana here, I can help.","operator_name":"Dana"}""")).Status);

        // Neither dialect has a hand-off notice: the operator's message is the first thing each sees.
        var muse = await meetingMuse.NextAsync();
        Assert.Equal(("Dana here, I can help.", id), (muse.Text("content"), muse.Text("session_id")));
        var desk = await supportDesk.NextAsync();
        Assert.Equal(("assistant", "Dana here, I can help.", "human", "Dana"), (desk.Text("role"), desk.Text("content"), desk.Text("agent"), desk.Text("agent_name")));
    }
}
