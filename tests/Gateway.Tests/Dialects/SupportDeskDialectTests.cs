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

    private static string NewId() => $"sd-{Guid.NewGuid():N}";

    private Task<DialectClient> ConnectAsync(string path) => DialectClient.ConnectAsync(_gateway.WebSocketUri, path);

    private IConversationGrain Grain(string id) => _gateway.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(id);
}
