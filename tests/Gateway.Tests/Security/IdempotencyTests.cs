using System.Net;
using System.Text;

namespace Conversations.Gateway.Tests.Security;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task ATransitionRetriedWithTheSameIdempotencyKeyMakesOneTurn()
    {
        await using var gateway = await GatewayHost.StartAsync();
        using var api = new ApiCall(gateway.HttpUri);
        var user = $"user-{Guid.NewGuid():N}";
        var id = (await api.PostAsync("/conversations", new { user_id = user })).Text("conversation_id");

        var first = await TransitionAsync(api, id, user, "retry-1");
        var retry = await TransitionAsync(api, id, user, "retry-1");
        var view = await api.GetAsync($"/conversations/{id}");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal("retry-1", retry.Text("message_id"));
        Assert.True(retry.Body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.Body.GetProperty("turn").GetInt32(), retry.Body.GetProperty("turn").GetInt32());
        Assert.Equal(1, view.Body.GetProperty("checkpoint").GetProperty("turn_count").GetInt32());
    }

    [Fact]
    public async Task ACreateRetriedWithTheSameIdempotencyKeyMakesOneConversation()
    {
        await using var gateway = await GatewayHost.StartAsync();
        using var api = new ApiCall(gateway.HttpUri);
        var user = $"user-{Guid.NewGuid():N}";

        var first = await CreateAsync(api, user, "create-1");
        var retry = await CreateAsync(api, user, "create-1");
        var list = await api.GetAsync($"/conversations?user_id={user}");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first.Text("conversation_id"), retry.Text("conversation_id"));
        Assert.True(retry.Body.GetProperty("first_turn").GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, list.Body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AKeyThatDisagreesWithTheMessageIdIsRefused()
    {
        await using var gateway = await GatewayHost.StartAsync();
        using var api = new ApiCall(gateway.HttpUri);
        var user = $"user-{Guid.NewGuid():N}";
        var id = (await api.PostAsync("/conversations", new { user_id = user })).Text("conversation_id");
        using var content = new StringContent($$"""{"user_id":"{{user}}","message":"hi","message_id":"a"}""", Encoding.UTF8, "application/json");
        content.Headers.Add("Idempotency-Key", "b");

        var refused = await api.SendAsync(HttpMethod.Post, $"/conversations/{id}/transition", content);

        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_MESSAGE"), (refused.Status, refused.ErrorCode));
    }

    private static Task<ApiResponse> TransitionAsync(ApiCall api, string id, string user, string key)
    {
        var content = new StringContent($$"""{"user_id":"{{user}}","message":"How much does it cost?"}""", Encoding.UTF8, "application/json");
        content.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(HttpMethod.Post, $"/conversations/{id}/transition", content);
    }

    private static Task<ApiResponse> CreateAsync(ApiCall api, string user, string key)
    {
        var content = new StringContent($$"""{"user_id":"{{user}}","message":"Hi, we want a CRM"}""", Encoding.UTF8, "application/json");
        content.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(HttpMethod.Post, "/conversations", content);
    }
}
