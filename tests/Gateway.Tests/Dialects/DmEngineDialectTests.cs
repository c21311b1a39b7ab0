using System.Net;
using Conversations.Gateway.Tests.EndToEnd;
using Conversations.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Gateway.Tests.Dialects;

/// <summary>The DM conversation engine's REST client, unchanged: <c>initial_message</c> and <c>user_message</c> beside our names.</summary>
[Collection(GatewayCollection.Name)]
public sealed class DmEngineDialectTests(GatewayFixture fixture) : IDisposable
{
    private static readonly string[] States =
        ["initial_contact", "interest_qualification", "value_proposition", "objection_handling", "price_negotiation", "closing_attempt", "post_purchase"];

    private readonly GatewayHost _gateway = fixture.Host;
    private readonly ApiCall _api = new(fixture.Host.HttpUri);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task TheDocumentedCreateAndTransitionAreAnsweredWithTheirFields()
    {
        var created = await _api.PostAsync("/conversations", """{"user_id":"user123","initial_message":"Hi, interested in your services"}""");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Text("conversation_id");
        Assert.Contains(created.Text("state"), States);
        var first = created.Body.GetProperty("first_turn");
        Assert.Equal("answered", first.GetProperty("status").GetString());
        Assert.Equal("initial_contact", first.GetProperty("previous_state").GetString());

        var moved = await _api.PostAsync($"/conversations/{id}/transition", """{"user_message":"Tell me about pricing","user_name":"John"}""");

        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.Equal(id, moved.Text("conversation_id"));
        Assert.Equal("price_negotiation", moved.Text("state"));
        Assert.Equal(created.Text("state"), moved.Text("previous_state"));
        Assert.False(string.IsNullOrWhiteSpace(moved.Text("reply")));
        Assert.Equal("pricing", moved.Body.GetProperty("intent").GetProperty("name").GetString());
        Assert.True(moved.Body.GetProperty("intent").GetProperty("confidence").GetDouble() > 0);
        Assert.True(moved.Body.GetProperty("response_time_ms").GetInt64() >= 0);
        Assert.InRange(moved.Body.GetProperty("conversion_probability").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task TheConversationServesItsStateHistoryIntentsAndResponseTimesPerTurn()
    {
        var created = await _api.PostAsync("/conversations", """{"user_id":"user123","initial_message":"Hi, interested in your services"}""");
        var id = created.Text("conversation_id");
        await _api.PostAsync($"/conversations/{id}/transition", """{"user_message":"Tell me about pricing","user_name":"John"}""");

        var read = await _api.GetAsync($"/conversations/{id}");

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("price_negotiation", read.Text("state"));
        var history = read.Body.GetProperty("history");
        Assert.True(history.GetArrayLength() >= 1);
        Assert.Equal("price_negotiation", history[history.GetArrayLength() - 1].GetProperty("to").GetString());
        var checkpoint = read.Body.GetProperty("checkpoint");
        Assert.InRange(checkpoint.GetProperty("conversion_probability").GetDouble(), 0, 1);
        var turns = checkpoint.GetProperty("recent_turns");
        Assert.Equal(2, turns.GetArrayLength());
        var pricing = turns[1];
        Assert.Equal("Tell me about pricing", pricing.GetProperty("user_message").GetString());
        Assert.False(string.IsNullOrWhiteSpace(pricing.GetProperty("reply").GetString()));
        Assert.Equal("price_negotiation", pricing.GetProperty("state_after").GetString());
        Assert.Equal("pricing", pricing.GetProperty("intent").GetProperty("name").GetString());
        Assert.True(pricing.GetProperty("response_time_ms").GetInt64() >= 0);
    }

    [Fact]
    public async Task BothSpellingsInOneRequestAreRefusedAndStoreNothing()
    {
        var user = $"dm-{Guid.NewGuid():N}";
        var both = await _api.PostAsync("/conversations", $$"""{"user_id":"{{user}}","initial_message":"Hi","message":"Hi"}""");
        Assert.Equal(HttpStatusCode.BadRequest, both.Status);
        Assert.Equal("INVALID_MESSAGE", both.ErrorCode);
        Assert.Contains("initial_message", both.Text("message"), StringComparison.Ordinal);
        var listed = await _api.GetAsync($"/conversations?user_id={user}");
        Assert.Equal(0, listed.Body.GetProperty("total").GetInt32());

        var created = await _api.PostAsync("/conversations", $$"""{"user_id":"{{user}}"}""");
        var id = created.Text("conversation_id");
        var twice = await _api.PostAsync($"/conversations/{id}/transition", """{"user_message":"Tell me about pricing","message":"Tell me about pricing"}""");
        var blank = await _api.PostAsync($"/conversations/{id}/transition", """{"user_message":"   ","user_name":"John"}""");

        Assert.Equal(HttpStatusCode.BadRequest, twice.Status);
        Assert.Contains("user_message", twice.Text("message"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, blank.Status);
        Assert.Equal("INVALID_MESSAGE", blank.ErrorCode);
        var snapshot = await _gateway.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(id).GetSnapshotAsync();
        Assert.Equal(0, snapshot.TurnCount);
    }

    [Fact]
    public async Task HealthAnswersWithOkAsTheEngineClientChecks()
    {
        using var http = new HttpClient { BaseAddress = _gateway.HttpUri };
        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }
}
