using System.Net;
using System.Text.Json;
using Conversations.Gateway.Dialects.SupportDesk;
using Conversations.Gateway.Tests.EndToEnd;
using Conversations.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Gateway.Tests.Dialects;

/// <summary>The support desk's chat client, unchanged, on <c>/api/v1/chat/ws/{client_id}</c> and <c>/api/v1/chat/ws</c>.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SupportDeskDialectTests(GatewayFixture fixture)
{
    private static readonly string[] Agents = ["tech_support", "billing", "general"];
    private static readonly string[] Tones = ["helpful_friendly", "understanding_adaptive", "patient_alternative", "empathetic_supportive", "empathetic_escalation"];
    private readonly GatewayHost _gateway = fixture.Host;

    [Fact]
    public async Task TheDocumentedMessageGetsAnAssistantReplyWithAgentIntentAndIntentData()
    {
        var id = NewId();
        await using var client = await ConnectAsync($"/api/v1/chat/ws/{id}");
        await client.SendAsync("""{"content":"My internet is not working"}""");
        var reply = await client.NextAsync();

        Assert.Equal("assistant", reply.Text("role"));
        Assert.False(string.IsNullOrWhiteSpace(reply.Text("content")));
        Assert.Equal("tech_support", reply.Text("agent"));
        Assert.False(string.IsNullOrWhiteSpace(reply.Text("intent")));
        Assert.Equal(id, reply.Text("conversation_id"));
        var data = reply.GetProperty("intent_data");
        Assert.InRange(data.GetProperty("confidence").GetDouble(), 0.01, 1);
        Assert.InRange(data.GetProperty("frustration_level").GetInt32(), 0, 10);
        Assert.Contains(data.Text("tone"), Tones);
        var escalation = data.GetProperty("escalation_prediction");
        Assert.Equal(["likelihood", "confidence", "factors", "recommendation"], escalation.Names());
        Assert.InRange(escalation.GetProperty("likelihood").GetDouble(), 0, 1);
        Assert.Equal(JsonValueKind.Array, escalation.GetProperty("factors").ValueKind);
        Assert.Equal(SupportDeskReply.Recommendation(escalation.GetProperty("likelihood").GetDouble()), escalation.Text("recommendation"));
    }

    [Fact]
    public async Task ThatDidNotWorkIsAnsweredDifferentlyAndRaisesFrustration()
    {
        await using var client = await ConnectAsync($"/api/v1/chat/ws/{NewId()}");
        await client.SendAsync("""{"content":"My internet is not working"}""");
        var first = await client.NextAsync();
        await client.SendAsync("""{"content":"I tried that and it didn't work"}""");
        var second = await client.NextAsync();

        Assert.Equal("tech_support", second.Text("agent"));
        Assert.NotEqual(first.Text("content"), second.Text("content"));
        Assert.True(second.GetProperty("intent_data").GetProperty("frustration_level").GetInt32() >= first.GetProperty("intent_data").GetProperty("frustration_level").GetInt32());
        Assert.Contains(second.Text("agent"), Agents);
    }

    [Fact]
    public async Task WithoutAnIdTheServerAssignsOneAndSaysWhich()
    {
        string assigned;
        await using (var client = await ConnectAsync("/api/v1/chat/ws"))
        {
            var hello = await client.NextAsync();
            Assert.Equal(SupportDeskDialect.Connected, hello.Text("type"));
            assigned = hello.Text("client_id")!;
            await client.SendAsync("""{"content":"Why is my bill higher this month?"}""");
            var reply = await client.NextAsync();
            Assert.Equal("billing", reply.Text("agent"));
            Assert.Equal(assigned, reply.Text("conversation_id"));
        }

        // The client reconnects with the id it was given and carries on, without its earlier reply again.
        await using var again = await ConnectAsync($"/api/v1/chat/ws/{assigned}");
        await again.SendAsync("""{"type":"ping"}""");
        Assert.Equal("pong", (await again.NextAsync()).Text("type"));
        await again.SendAsync("""{"content":"Can you refund the extra charge?"}""");
        var next = await again.NextAsync();
        Assert.Equal("assistant", next.Text("role"));
        Assert.Equal(2, (await Grain(assigned).GetSnapshotAsync()).TurnCount);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"text":"My internet is not working"}""")]
    [InlineData("""{"content":""}""")]
    [InlineData("""{"content":42}""")]
    public async Task BadFramesGetItsErrorShapeStoreNothingAndLeaveTheSocketOpen(string bad)
    {
        var id = NewId();
        await using var client = await ConnectAsync($"/api/v1/chat/ws/{id}");
        await client.SendAsync(bad);
        var error = await client.NextAsync();

        Assert.Equal(["type", "error_code", "message", "retry_suggested", "timestamp"], error.Names());
        Assert.Equal("error", error.Text("type"));
        Assert.Equal("INVALID_MESSAGE", error.Text("error_code"));
        Assert.Equal(0, (await Grain(id).GetSnapshotAsync()).TurnCount);
        await client.SendAsync("""{"content":"hello"}""");
        Assert.Equal("assistant", (await client.NextAsync()).Text("role"));
    }

    [Fact]
    public async Task RestMessagesAreAnsweredWithAgentRoutingAndListedWithTheirTurns()
    {
        using var api = new ApiCall(_gateway.HttpUri);
        var user = $"sd-user-{Guid.NewGuid():N}";

        var first = await api.PostAsync("/api/v1/chat/messages", $$"""{"content":"My internet is not working","user_id":"{{user}}"}""");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("assistant", first.Text("role"));
        Assert.Equal("tech_support", first.Text("agent"));
        Assert.InRange(first.Body.GetProperty("intent_data").GetProperty("confidence").GetDouble(), 0.01, 1);
        var id = first.Text("conversation_id");
        var second = await api.PostAsync("/api/v1/chat/messages", $$"""{"content":"Why is my bill higher this month?","user_id":"{{user}}","conversation_id":"{{id}}"}""");
        Assert.Equal("billing", second.Text("agent"));

        var listed = await api.GetAsync($"/api/v1/chat/conversations?user_id={user}&page=1&page_size=10");
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Equal(1, listed.Body.GetProperty("total").GetInt32());
        var summary = listed.Body.GetProperty("conversations")[0];
        Assert.Equal(id, summary.Text("conversation_id"));
        Assert.Equal(4, summary.GetProperty("message_count").GetInt32());

        var read = await api.GetAsync($"/api/v1/chat/conversations/{id}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        var messages = read.Body.GetProperty("messages");
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.EnumerateArray().Select(m => m.Text("role")));
        Assert.Equal("My internet is not working", messages[0].Text("content"));
        Assert.Equal(second.Text("content"), messages[3].Text("content"));
        Assert.Equal(second.Text("intent"), messages[3].Text("intent"));

        var missing = await api.GetAsync($"/api/v1/chat/conversations/sd-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task RestBadBodiesAreRefusedAndStoreNothing()
    {
        using var api = new ApiCall(_gateway.HttpUri);
        var user = $"sd-user-{Guid.NewGuid():N}";

        var blank = await api.PostAsync("/api/v1/chat/messages", $$"""{"content":"  ","user_id":"{{user}}"}""");
        var notJson = await api.PostAsync("/api/v1/chat/messages", "nope");
        var badId = await api.PostAsync("/api/v1/chat/messages", $$"""{"content":"hi","user_id":"{{user}}","conversation_id":"no spaces"}""");

        Assert.Equal(HttpStatusCode.BadRequest, blank.Status);
        Assert.Equal("INVALID_MESSAGE", blank.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badId.Status);
        var listed = await api.GetAsync($"/api/v1/chat/conversations?user_id={user}");
        Assert.Equal(0, listed.Body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task HealthAndSocketStatsAnswerInItsShape()
    {
        using var api = new ApiCall(_gateway.HttpUri);
        await using var client = await ConnectAsync($"/api/v1/chat/ws/{NewId()}");
        await client.SendAsync("""{"type":"ping"}""");
        await client.NextAsync();

        var health = await api.GetAsync("/api/v1/health");
        var stats = await api.GetAsync("/api/v1/chat/ws/stats");

        Assert.Equal("healthy", health.Text("status"));
        Assert.True(health.Body.GetProperty("active_connections").GetInt32() >= 1);
        Assert.True(stats.Body.GetProperty("active_connections").GetInt32() >= 1);
        Assert.True(stats.Body.GetProperty("messages_received").GetInt64() >= 1);
    }

    private static string NewId() => $"sd-{Guid.NewGuid():N}";

    private Task<DialectClient> ConnectAsync(string path) => DialectClient.ConnectAsync(_gateway.WebSocketUri, path);

    private IConversationGrain Grain(string id) => _gateway.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(id);
}
