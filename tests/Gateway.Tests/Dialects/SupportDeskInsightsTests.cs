using System.Net;
using System.Text.Json;
using Conversations.Gateway.Tests.EndToEnd;
using Conversations.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Gateway.Tests.Dialects;

/// <summary>
/// The support desk's knowledge, metrics, feedback, profile and analytics endpoints under <c>/api/v1</c>, driven as
/// its client drives them, over conversations made first with its own <c>POST /api/v1/chat/messages</c>.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SupportDeskInsightsTests(GatewayFixture fixture)
{
    private const string Internet = "My internet is not working";
    private static readonly string[] TechSupportSearch = ["tech_support", "general"];
    private readonly GatewayHost _gateway = fixture.Host;

    [Fact]
    public async Task KnowledgeSearchFindsTheArticleAReplyCitedAndCountsFeedbackOnIt()
    {
        using var api = new ApiCall(_gateway.HttpUri);
        var user = NewUser();
        const string problem = "my instagram DMs stopped coming in";
        var sent = await api.PostAsync("/api/v1/chat/messages", Message(problem, user));
        var cited = await CitedArticleAsync(sent.Text("conversation_id"));

        var search = await api.GetAsync($"/api/v1/knowledge/search?q={Uri.EscapeDataString(problem)}&limit=5");
        Assert.Equal(HttpStatusCode.OK, search.Status);
        Assert.Equal(problem, search.Text("query"));
        var results = search.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.InRange(results.Count, 1, 5);
        Assert.Equal(results.Count, search.Body.GetProperty("total").GetInt32());

        // The reply was grounded in the best article for its message, and the search finds the same one first.
        Assert.Equal(cited, results[0].Text("article_id"));
        Assert.Equal(["article_id", "title", "category", "agent", "content", "confidence", "scores"], results[0].Names());
        Assert.InRange(results[0].GetProperty("confidence").GetDouble(), 0.25, 1);
        var confidences = results.Select(r => r.GetProperty("confidence").GetDouble()).ToList();
        Assert.Equal(confidences.OrderByDescending(c => c), confidences);
        var techSupport = await api.GetAsync($"/api/v1/knowledge/search?q={Uri.EscapeDataString(problem)}&agent=tech_support");
        Assert.All(techSupport.Body.GetProperty("results").EnumerateArray(), r => Assert.Contains(r.Text("agent"), TechSupportSearch));

        var before = await ArticleCountsAsync(api, cited);
        var helpful = await api.PostAsync("/api/v1/knowledge/feedback", $$"""{"article_id":"{{cited}}","helpful":true}""");
        Assert.Equal(HttpStatusCode.OK, helpful.Status);
        Assert.Equal("recorded", helpful.Text("status"));
        Assert.Equal(before.Helpful + 1, helpful.Body.GetProperty("helpful_count").GetInt32());
        Assert.Equal(before.Unhelpful, helpful.Body.GetProperty("unhelpful_count").GetInt32());
        Assert.Equal((before.Helpful + 1, before.Unhelpful), await ArticleCountsAsync(api, cited));

        // Bad input is refused with our error shape, and counts nothing.
        var refusals = new[]
        {
            await api.GetAsync("/api/v1/knowledge/search"),
            await api.GetAsync("/api/v1/knowledge/search?q=%20%20"),
            await api.GetAsync("/api/v1/knowledge/search?q=wifi&agent=sales"),
            await api.GetAsync("/api/v1/knowledge/search?q=wifi&limit=0"),
            await api.PostAsync("/api/v1/knowledge/feedback", $$"""{"article_id":"{{cited}}","helpful":"yes"}"""),
            await api.PostAsync("/api/v1/knowledge/feedback", """{"helpful":true}"""),
            await api.PostAsync("/api/v1/knowledge/feedback", "not json"),
        };
        Assert.All(refusals, r => Assert.Equal((HttpStatusCode.BadRequest, "INVALID_MESSAGE"), (r.Status, r.ErrorCode)));
        var unknown = await api.PostAsync("/api/v1/knowledge/feedback", """{"article_id":"kb-nope","helpful":false}""");
        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (unknown.Status, unknown.ErrorCode));
        Assert.Equal((before.Helpful + 1, before.Unhelpful), await ArticleCountsAsync(api, cited));
    }

    [Fact]
    public async Task KnowledgeCategoriesAreGroupedByTheThreeAgents()
    {
        using var api = new ApiCall(_gateway.HttpUri);

        var categories = await api.GetAsync("/api/v1/knowledge/categories");

        Assert.Equal(HttpStatusCode.OK, categories.Status);
        var agents = categories.Body.GetProperty("agents");
        Assert.Equal(["tech_support", "billing", "general"], agents.Names());
        var total = 0;
        foreach (var agent in agents.EnumerateObject())
        {
            var listed = agent.Value.GetProperty("categories").EnumerateArray().ToList();
            Assert.NotEmpty(listed);
            Assert.Equal(listed.Sum(c => c.GetProperty("article_count").GetInt32()), agent.Value.GetProperty("article_count").GetInt32());
            Assert.All(listed, c => Assert.Equal(c.GetProperty("article_count").GetInt32(), c.GetProperty("articles").GetArrayLength()));
            total += agent.Value.GetProperty("article_count").GetInt32();
        }

        Assert.Equal(categories.Body.GetProperty("total_articles").GetInt32(), total);
        Assert.Contains(agents.GetProperty("billing").GetProperty("categories").EnumerateArray(), c => c.Text("category") == "billing");
    }

    [Fact]
    public async Task MetricsShowTheCallersConversationFlowQualityResolutionAndEscalation()
    {
        using var api = new ApiCall(_gateway.HttpUri);
        var user = NewUser();
        var first = await api.PostAsync("/api/v1/chat/messages", Message(Internet, user));
        var id = first.Text("conversation_id");
        var second = await api.PostAsync("/api/v1/chat/messages", Message("I tried that and it didn't work", user, id));
        Assert.Equal(HttpStatusCode.OK, second.Status);

        var flow = await api.GetAsync($"/api/v1/metrics/conversation-flow/{id}?user_id={user}");
        Assert.Equal(HttpStatusCode.OK, flow.Status);
        Assert.Equal(id, flow.Text("conversation_id"));
        Assert.Equal("tech_support", flow.Text("agent"));
        Assert.Equal(2, flow.Body.GetProperty("turn_count").GetInt32());
        var turns = flow.Body.GetProperty("turns").EnumerateArray().ToList();
        Assert.Equal([1, 2], turns.Select(t => t.GetProperty("turn").GetInt32()));
        Assert.Equal(first.Text("intent"), turns[0].Text("intent"));
        Assert.Equal(second.Text("intent"), turns[1].Text("intent"));
        Assert.Equal(flow.Text("current_state"), turns[1].Text("state_after"));
        Assert.Equal(turns[0].Text("state_after"), turns[1].Text("state_before"));
        foreach (var change in flow.Body.GetProperty("state_transitions").EnumerateArray())
        {
            Assert.Equal(["from_state", "to_state", "reason", "turn", "timestamp"], change.Names());
        }

        var quality = await api.GetAsync($"/api/v1/metrics/conversation-quality?user_id={user}");
        Assert.Equal(HttpStatusCode.OK, quality.Status);
        Assert.Equal(1, quality.Body.GetProperty("conversations").GetInt32());
        Assert.Equal(2, quality.Body.GetProperty("turns_considered").GetInt32());
        Assert.Equal(2, quality.Body.GetProperty("answered_turns").GetInt32());
        Assert.InRange(quality.Body.GetProperty("average_confidence").GetDouble(), 0.01, 1);
        Assert.True(quality.Body.GetProperty("average_response_time_ms").GetDouble() >= 0);

        var resolution = await api.GetAsync($"/api/v1/metrics/intent-resolution-rate?user_id={user}");
        Assert.Equal(2, resolution.Body.GetProperty("total_turns").GetInt32());
        var intents = resolution.Body.GetProperty("intents").EnumerateArray().ToList();
        Assert.Equal(2, intents.Sum(i => i.GetProperty("turns").GetInt32()));
        Assert.Contains(intents, i => i.Text("intent") == first.Text("intent"));

        var predictions = await api.GetAsync($"/api/v1/metrics/escalation-predictions?user_id={user}");
        var prediction = Assert.Single(predictions.Body.GetProperty("predictions").EnumerateArray());
        var replied = second.Body.GetProperty("intent_data").GetProperty("escalation_prediction");
        Assert.Equal(id, prediction.Text("conversation_id"));
        Assert.Equal(replied.GetProperty("likelihood").GetDouble(), prediction.GetProperty("likelihood").GetDouble(), 6);
        Assert.Equal(replied.Text("recommendation"), prediction.Text("recommendation"));
        Assert.Equal(replied.GetProperty("factors").EnumerateArray().Select(f => f.GetString()), prediction.GetProperty("factors").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(second.Body.GetProperty("intent_data").GetProperty("frustration_level").GetInt32(), prediction.GetProperty("frustration_level").GetInt32());

        var noUser = await api.GetAsync("/api/v1/metrics/conversation-quality");
        var badId = await api.GetAsync($"/api/v1/metrics/conversation-flow/no%20spaces?user_id={user}");
        var missing = await api.GetAsync($"/api/v1/metrics/conversation-flow/sd-{Guid.NewGuid():N}?user_id={user}");
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_MESSAGE"), (noUser.Status, noUser.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_CONVERSATION_ID"), (badId.Status, badId.ErrorCode));
        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (missing.Status, missing.ErrorCode));
    }

    [Fact]
    public async Task FeedbackRatesTheLatestTurnAndIsSummarisedAndTallied()
    {
        using var api = new ApiCall(_gateway.HttpUri);
        var user = NewUser();
        var sent = await api.PostAsync("/api/v1/chat/messages", Message("Why is my bill higher this month?", user));
        var id = sent.Text("conversation_id");
        var tallyBefore = await api.GetAsync("/api/v1/analytics/satisfaction");

        // Bad input first: each is refused and nothing is stored.
        var refusals = new[]
        {
            await api.PostAsync("/api/v1/feedback", $$"""{"conversation_id":"{{id}}","rating":6}"""),
            await api.PostAsync("/api/v1/feedback", $$"""{"conversation_id":"{{id}}","rating":"5"}"""),
            await api.PostAsync("/api/v1/feedback", $$"""{"conversation_id":"{{id}}"}"""),
            await api.PostAsync("/api/v1/feedback", """{"rating":4}"""),
            await api.PostAsync("/api/v1/feedback", $$"""{"conversation_id":"{{id}}","rating":4,"comment":"{{new string('x', 1001)}}"}"""),
            await api.PostAsync("/api/v1/feedback/rating", $$"""{"conversation_id":"{{id}}","rating":0}"""),
            await api.PostAsync("/api/v1/feedback/rating", $$"""{"conversation_id":"{{id}}","rating":3,"turn":0}"""),
        };
        Assert.All(refusals, r => Assert.Equal((HttpStatusCode.BadRequest, "INVALID_MESSAGE"), (r.Status, r.ErrorCode)));
        var unknown = await api.PostAsync("/api/v1/feedback", $$"""{"conversation_id":"sd-{{Guid.NewGuid():N}}","rating":4}""");
        var noTurn = await api.PostAsync("/api/v1/feedback/rating", $$"""{"conversation_id":"{{id}}","rating":4,"turn":9}""");
        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (unknown.Status, unknown.ErrorCode));
        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (noTurn.Status, noTurn.ErrorCode));
        Assert.Equal(0, (await api.GetAsync($"/api/v1/feedback/summary?user_id={user}")).Body.GetProperty("total_ratings").GetInt32());

        var rated = await api.PostAsync("/api/v1/feedback", $$"""{"conversation_id":"{{id}}","rating":4,"comment":"Clear answer","user_id":"{{user}}"}""");
        Assert.Equal(HttpStatusCode.OK, rated.Status);
        Assert.Equal(["status", "feedback_id", "conversation_id", "turn", "rating", "comment", "timestamp"], rated.Body.Names());
        Assert.Equal(1, rated.Body.GetProperty("turn").GetInt32());
        Assert.Equal("Clear answer", rated.Text("comment"));

        // Our own API sees the same rating on the turn.
        var ours = await api.GetAsync($"/conversations/{id}");
        var stored = Assert.Single(ours.Body.GetProperty("feedback").EnumerateArray());
        Assert.Equal(4, stored.GetProperty("rating").GetInt32());

        // A rating alone replaces the value and keeps the comment.
        var again = await api.PostAsync("/api/v1/feedback/rating", $$"""{"conversation_id":"{{id}}","rating":2}""");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal((2, "Clear answer"), (again.Body.GetProperty("rating").GetInt32(), again.Text("comment")));

        var summary = await api.GetAsync($"/api/v1/feedback/summary?user_id={user}");
        Assert.Equal(HttpStatusCode.OK, summary.Status);
        Assert.Equal(1, summary.Body.GetProperty("total_ratings").GetInt32());
        Assert.Equal(2.0, summary.Body.GetProperty("average_rating").GetDouble());
        Assert.Equal(0.0, summary.Body.GetProperty("satisfaction_rate").GetDouble());
        Assert.Equal(1, summary.Body.GetProperty("rating_distribution").GetProperty("2").GetInt32());
        Assert.Equal(1, summary.Body.GetProperty("with_comments").GetInt32());
        Assert.Equal(id, Assert.Single(summary.Body.GetProperty("recent_feedback").EnumerateArray()).Text("conversation_id"));

        // The service's tally counts the turn once, at its latest value.
        var tally = await api.GetAsync("/api/v1/analytics/satisfaction");
        Assert.Equal(Count(tallyBefore, "total_ratings") + 1, Count(tally, "total_ratings"));
        Assert.Equal(Rated(tallyBefore, 2) + 1, Rated(tally, 2));
        Assert.Equal(Rated(tallyBefore, 4), Rated(tally, 4));
    }

    [Fact]
    public async Task ProfileIsTheCallersConversations()
    {
        using var api = new ApiCall(_gateway.HttpUri);
        var user = NewUser();
        var first = await api.PostAsync("/api/v1/chat/messages", Message(Internet, user));
        var second = await api.PostAsync("/api/v1/chat/messages", Message("The router light is red and nothing loads", user));

        var profile = await api.GetAsync($"/api/v1/profile?user_id={user}");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Equal(user, profile.Text("user_id"));
        Assert.Equal(2, profile.Body.GetProperty("conversation_count").GetInt32());
        Assert.Equal(4, profile.Body.GetProperty("message_count").GetInt32());
        Assert.Equal("tech_support", profile.Text("preferred_agent"));
        Assert.Equal(
            [second.Text("conversation_id"), first.Text("conversation_id")],
            profile.Body.GetProperty("recent_conversations").EnumerateArray().Select(c => c.Text("conversation_id")));
        Assert.True(profile.Body.GetProperty("last_active_at").GetDateTimeOffset() >= profile.Body.GetProperty("first_seen_at").GetDateTimeOffset());

        var stranger = await api.GetAsync($"/api/v1/profile?user_id={NewUser()}");
        Assert.Equal(0, stranger.Body.GetProperty("conversation_count").GetInt32());
        var noUser = await api.GetAsync("/api/v1/profile");
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_MESSAGE"), (noUser.Status, noUser.ErrorCode));
    }

    [Fact]
    public async Task TranscriptAnalyticsNeedPostgresAsOursDo()
    {
        using var api = new ApiCall(_gateway.HttpUri);

        foreach (var path in new[] { "/api/v1/analytics/overview", "/api/v1/analytics/metrics", "/api/v1/analytics/intents" })
        {
            var answer = await api.GetAsync(path);
            Assert.Equal((HttpStatusCode.NotFound, "SERVICE_UNAVAILABLE"), (answer.Status, answer.ErrorCode));
        }
    }

    private static string NewUser() => $"sd-user-{Guid.NewGuid():N}";

    private static string Message(string content, string user, string? conversationId = null) =>
        conversationId is null
            ? JsonSerializer.Serialize(new { content, user_id = user })
            : JsonSerializer.Serialize(new { content, user_id = user, conversation_id = conversationId });

    private static int Count(ApiResponse response, string name) => response.Body.GetProperty(name).GetInt32();

    private static int Rated(ApiResponse response, int rating) =>
        response.Body.GetProperty("rating_distribution").GetProperty(rating.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetInt32();

    private static async Task<(int Helpful, int Unhelpful)> ArticleCountsAsync(ApiCall api, string articleId)
    {
        var categories = await api.GetAsync("/api/v1/knowledge/categories");
        var article = categories.Body.GetProperty("agents").EnumerateObject()
            .SelectMany(a => a.Value.GetProperty("categories").EnumerateArray())
            .SelectMany(c => c.GetProperty("articles").EnumerateArray())
            .Single(a => a.Text("article_id") == articleId);
        return (article.GetProperty("helpful_count").GetInt32(), article.GetProperty("unhelpful_count").GetInt32());
    }

    // The article the turn's reply was grounded in, as its log frame names it.
    private async Task<string> CitedArticleAsync(string conversationId)
    {
        var grains = _gateway.App.Services.GetRequiredService<IGrainFactory>();
        var replay = await grains.GetGrain<IConversationGrain>(conversationId).ResumeAsync(0);
        foreach (var frame in replay.Frames)
        {
            using var json = JsonDocument.Parse(frame.Json);
            if (json.RootElement.Text("type") == "assistant_message"
                && json.RootElement.GetProperty("metadata").Text("article_id") is { } articleId)
            {
                return articleId;
            }
        }

        throw new InvalidOperationException($"No reply of {conversationId} cites an article.");
    }
}
