using System.Net;
using Conversations.Gateway.Tests.Api;

namespace Conversations.Gateway.Tests.Dialects;

/// <summary>With authentication on, the support desk's endpoints show a user only their own conversations, and its analytics only to operators.</summary>
public sealed class SupportDeskOwnershipTests(AuthGatewayFixture fixture) : IClassFixture<AuthGatewayFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task AnotherUsersConversationIsRefusedAndNothingIsStored()
    {
        var ann = $"ann-{Guid.NewGuid():N}";
        var bob = $"bob-{Guid.NewGuid():N}";
        using var asAnn = new ApiCall(Host.HttpUri, TestTokens.Issue(ann));
        using var asBob = new ApiCall(Host.HttpUri, TestTokens.Issue(bob));
        var sent = await asAnn.PostAsync("/api/v1/chat/messages", """{"content":"My internet is not working"}""");
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var id = sent.Text("conversation_id");

        var flow = await asBob.GetAsync($"/api/v1/metrics/conversation-flow/{id}");
        var feedback = await asBob.PostAsync("/api/v1/feedback", $$"""{"conversation_id":"{{id}}","rating":1,"comment":"not mine"}""");
        var rating = await asBob.PostAsync("/api/v1/feedback/rating", $$"""{"conversation_id":"{{id}}","rating":1}""");
        var otherName = await asBob.GetAsync($"/api/v1/profile?user_id={ann}");

        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (flow.Status, flow.ErrorCode));
        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (feedback.Status, feedback.ErrorCode));
        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (rating.Status, rating.ErrorCode));
        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (otherName.Status, otherName.ErrorCode));
        Assert.Equal(0, (await asBob.GetAsync("/api/v1/profile")).Body.GetProperty("conversation_count").GetInt32());
        Assert.Empty((await asBob.GetAsync("/api/v1/metrics/escalation-predictions")).Body.GetProperty("predictions").EnumerateArray());
        Assert.Equal(0, (await asAnn.GetAsync("/api/v1/feedback/summary")).Body.GetProperty("total_ratings").GetInt32());

        // The owner, on the other hand, is answered (the user is the token's; no user_id is needed).
        Assert.Equal(HttpStatusCode.OK, (await asAnn.GetAsync($"/api/v1/metrics/conversation-flow/{id}")).Status);
        Assert.Equal(1, (await asAnn.GetAsync("/api/v1/profile")).Body.GetProperty("conversation_count").GetInt32());
    }

    [Fact]
    public async Task TheSupportDesksAnalyticsAreForOperatorsAndTheRestNeedsAToken()
    {
        using var user = new ApiCall(Host.HttpUri, TestTokens.Issue($"user-{Guid.NewGuid():N}"));
        using var operatorCall = new ApiCall(Host.HttpUri, TestTokens.Issue($"ops-{Guid.NewGuid():N}", role: TestTokens.OperatorRole));
        using var anonymous = new ApiCall(Host.HttpUri);

        foreach (var path in new[] { "/api/v1/analytics/overview", "/api/v1/analytics/metrics", "/api/v1/analytics/intents", "/api/v1/analytics/satisfaction" })
        {
            var asUser = await user.GetAsync(path);
            var asNobody = await anonymous.GetAsync(path);
            Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (asUser.Status, asUser.ErrorCode));
            Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), (asNobody.Status, asNobody.ErrorCode));
        }

        Assert.Equal(HttpStatusCode.OK, (await operatorCall.GetAsync("/api/v1/analytics/satisfaction")).Status);
        foreach (var path in new[] { "/api/v1/knowledge/search?q=wifi", "/api/v1/knowledge/categories", "/api/v1/metrics/conversation-quality", "/api/v1/feedback/summary", "/api/v1/profile" })
        {
            var asNobody = await anonymous.GetAsync(path);
            Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), (asNobody.Status, asNobody.ErrorCode));
            Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(path)).Status);
        }
    }
}
