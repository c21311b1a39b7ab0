using System.Net;
using System.Text.Json;

namespace Conversations.Gateway.Tests.EndToEnd;

[Collection(GatewayCollection.Name)]
public sealed class OperatorHandoffTests(GatewayFixture fixture)
{
    private readonly GatewayHost _gateway = fixture.Host;

    [Fact]
    public async Task AnOperatorTakesAHandedOffConversationOverAnswersTheUserAndHandsItBackToTheBot()
    {
        var id = $"op-{Guid.NewGuid():N}";
        using var api = new ApiCall(_gateway.HttpUri);
        var before = (await api.GetAsync("/analytics/handoffs?days=1")).Body;
        await using var user = await _gateway.ConnectAsync(id);
        await user.SendMessageAsync("m1", "This is useless, I want to talk to a real person");
        var escalation = await user.UntilAsync(f => f.IsReply(1));
        var escalated = Assert.Single(escalation, f => f.IsSystem("handoff")).Root.GetProperty("metadata");
        Assert.Equal(("escalated", "user_requested"), (escalated.GetProperty("event").GetString(), escalated.GetProperty("reason").GetString()));

        var queued = QueueEntry((await api.GetAsync("/api/v1/operator/queue")).Body, id);
        Assert.Equal("user_requested", queued.GetProperty("reason").GetString());
        Assert.Equal("This is useless, I want to talk to a real person", queued.GetProperty("last_user_message").GetString());
        Assert.False(queued.TryGetProperty("taken_by", out _));

        var take = await api.PostAsync($"/api/v1/operator/conversations/{id}/take", """{"operator_name":"Dana"}""");
        Assert.Equal((HttpStatusCode.OK, "done", "Dana"), (take.Status, take.Text("outcome"), take.Body.GetProperty("operator").GetProperty("name").GetString()));
        var again = await api.PostAsync($"/api/v1/operator/conversations/{id}/take", """{"operator_name":"Dana"}""");
        Assert.Equal((HttpStatusCode.OK, "already_held"), (again.Status, again.Text("outcome")));
        var joined = await user.NextAsync();
        Assert.Equal(take.Body.GetProperty("seq").GetInt64(), joined.Seq);
        var joinedMetadata = joined.Root.GetProperty("metadata");
        Assert.True(joined.IsSystem("handoff"));
        Assert.Equal(("operator_joined", "Dana", "user_requested"), (joinedMetadata.GetProperty("event").GetString(), joinedMetadata.GetProperty("operator_name").GetString(), joinedMetadata.GetProperty("reason").GetString()));
        Assert.True(joinedMetadata.TryGetProperty("likelihood", out _));

        // While the operator holds the conversation the bot stays silent: the message is stored and acked only.
        await user.SendMessageAsync("m2", "Are you a real person?");
        var ack = await user.NextAsync();
        Assert.Equal(("ack", 2), (ack.Type, ack.Turn));
        await Eventually.GetAsync(
            async () => QueueEntry((await api.GetAsync("/api/v1/operator/queue")).Body, id),
            entry => entry.GetProperty("last_user_message").GetString() == "Are you a real person?" && entry.TryGetProperty("taken_by", out _));

        var reply = await api.PostAsync($"/api/v1/operator/conversations/{id}/reply", """{"content":"Yes, I'm Dana from the support team. How can I help?","operator_name":"Dana"}""");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var message = await user.NextAsync();
        Assert.Equal(("assistant_message", 2, "Yes, I'm Dana from the support team. How can I help?"), (message.Type, message.Turn, message.Root.GetProperty("content").GetString()));
        Assert.Equal(("operator", "Dana"), (message.Root.GetProperty("author").GetString(), message.Root.GetProperty("author_name").GetString()));

        var intruder = await api.PostAsync($"/api/v1/operator/conversations/{id}/reply", """{"content":"Me too","operator_id":"sam"}""");
        Assert.Equal((HttpStatusCode.Conflict, "CONVERSATION_HELD"), (intruder.Status, intruder.ErrorCode));

        var handBack = await api.PostAsync($"/api/v1/operator/conversations/{id}/hand-back", "{}");
        Assert.Equal(HttpStatusCode.OK, handBack.Status);
        var left = await user.NextAsync();
        Assert.True(left.IsSystem("handoff"));
        Assert.Equal("operator_left", left.Root.GetProperty("metadata").GetProperty("event").GetString());
        Assert.DoesNotContain(
            (await api.GetAsync("/api/v1/operator/queue")).Body.GetProperty("conversations").EnumerateArray(),
            e => e.GetProperty("conversation_id").GetString() == id);

        // A client that saw nothing after the escalation gets the operator's part of the conversation on resume.
        await using var resumed = await _gateway.ConnectAsync(id, lastSeq: escalation[^1].Seq);
        Assert.True((await resumed.NextAsync()).IsSystem("conversation_resumed"));
        var replay = await resumed.UntilAsync(f => f.Seq == left.Seq);
        Assert.Equal([joined.Raw, ack.Raw, message.Raw, left.Raw], replay.Select(f => f.Raw));

        await resumed.SendMessageAsync("m3", "Does it integrate with Slack?");
        var answered = await resumed.UntilAsync(f => f.IsReply(3));
        Assert.False(answered[^1].Root.TryGetProperty("author", out _));
        Assert.Contains("processing", answered.Select(f => f.Content));
        FrameAssert.Gapless(escalation.Concat(replay).Concat(answered), from: 1);

        var after = (await api.GetAsync("/analytics/handoffs?days=1")).Body;
        Assert.Equal(
            (1, 1, 1, 1),
            (Grown(before, after, "handed_off"), Grown(before, after, "taken"), Grown(before, after, "operator_replies"), Grown(before, after, "handed_back")));
    }

    [Fact]
    public async Task AConversationTheBotStillAnswersCannotBeTakenOver()
    {
        var id = $"op-{Guid.NewGuid():N}";
        await using var user = await _gateway.ConnectAsync(id);
        await user.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
        await user.UntilAsync(f => f.IsReply(1));
        using var api = new ApiCall(_gateway.HttpUri);

        var take = await api.PostAsync($"/api/v1/operator/conversations/{id}/take", "{}");
        var reply = await api.PostAsync($"/api/v1/operator/conversations/{id}/reply", """{"content":"Hello"}""");
        var blank = await api.PostAsync($"/api/v1/operator/conversations/{id}/reply", """{"content":" "}""");

        Assert.Equal((HttpStatusCode.Conflict, "NOT_HANDED_OFF"), (take.Status, take.ErrorCode));
        Assert.Equal((HttpStatusCode.Conflict, "NOT_HANDED_OFF"), (reply.Status, reply.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_MESSAGE"), (blank.Status, blank.ErrorCode));
    }

    private static JsonElement QueueEntry(JsonElement queue, string conversationId) =>
        queue.GetProperty("conversations").EnumerateArray().Single(e => e.GetProperty("conversation_id").GetString() == conversationId);

    private static long Grown(JsonElement before, JsonElement after, string name) =>
        after.GetProperty(name).GetInt64() - before.GetProperty(name).GetInt64();
}
