using System.Net;
using System.Text.Json;

namespace Conversations.Gateway.Tests.Dialects;

/// <summary>A gateway storing in a throwaway PostgreSQL, where the transcript that analytics read is kept.</summary>
public sealed class PostgresGatewayFixture : IAsyncLifetime
{
    private PostgresServer _postgres = null!;

    public GatewayHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        var database = await _postgres.CreateDatabaseAsync($"t_{Guid.NewGuid():N}");
        Host = await GatewayHost.StartAsync(
            "--ConnectionStrings:Postgres", database,
            "--Cluster:Storage", "Postgres",
            "--Cluster:MigrateOnStart", "true");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}

/// <summary>The support desk's <c>/api/v1/analytics/…</c> over the transcript of conversations it made itself.</summary>
public sealed class SupportDeskAnalyticsTests(PostgresGatewayFixture fixture) : IClassFixture<PostgresGatewayFixture>
{
    [Fact]
    public async Task AnalyticsCountTheTurnsIntentsAndRatingsOfItsConversations()
    {
        using var api = new ApiCall(fixture.Host.HttpUri);
        var user = $"sd-user-{Guid.NewGuid():N}";
        var first = await api.PostAsync("/api/v1/chat/messages", JsonSerializer.Serialize(new { content = "My internet is not working", user_id = user }));
        var id = first.Text("conversation_id");
        var second = await api.PostAsync("/api/v1/chat/messages", JsonSerializer.Serialize(new { content = "Why is my bill higher this month?", user_id = user, conversation_id = id }));
        var other = await api.PostAsync("/api/v1/chat/messages", JsonSerializer.Serialize(new { content = "Why is my bill higher this month?", user_id = user }));
        Assert.All(new[] { first, second, other }, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/feedback", $$"""{"conversation_id":"{{id}}","rating":5,"turn":2}""")).Status);

        // The transcript is written just after each turn commits.
        var overview = await Eventually.GetAsync(
            () => api.GetAsync("/api/v1/analytics/overview"),
            o => o.Status == HttpStatusCode.OK && o.Body.GetProperty("total_turns").GetInt64() == 3,
            TimeSpan.FromSeconds(60));
        Assert.Equal(2, overview.Body.GetProperty("total_conversations").GetInt64());
        Assert.Equal(2, overview.Body.GetProperty("active_conversations").GetInt64());
        Assert.Equal(1.5, overview.Body.GetProperty("average_conversation_length").GetDouble());
        Assert.Equal(0, overview.Body.GetProperty("escalation_rate").GetDouble());
        Assert.True(overview.Body.GetProperty("average_response_time_ms").GetDouble() >= 0);
        Assert.Equal(1, overview.Body.GetProperty("total_ratings").GetInt32());
        Assert.Equal(5.0, overview.Body.GetProperty("average_rating").GetDouble());

        var intents = await api.GetAsync("/api/v1/analytics/intents");
        var counted = intents.Body.GetProperty("intents").EnumerateArray().ToList();
        Assert.Equal(3, counted.Sum(i => i.GetProperty("count").GetInt64()));
        Assert.Equal(100.0, counted.Sum(i => i.GetProperty("percentage").GetDouble()), 1);
        foreach (var intent in new[] { first, second, other }.GroupBy(r => r.Text("intent")))
        {
            Assert.Equal(intent.Count(), Assert.Single(counted, i => i.Text("intent") == intent.Key).GetProperty("count").GetInt64());
        }

        var metrics = await api.GetAsync("/api/v1/analytics/metrics");
        var today = Assert.Single(metrics.Body.GetProperty("daily").EnumerateArray());
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), today.Text("date"));
        Assert.Equal((3, 2), (today.GetProperty("turns").GetInt64(), today.GetProperty("conversations").GetInt64()));
        var states = metrics.Body.GetProperty("states_reached").EnumerateArray().ToList();
        Assert.Equal(7, states.Count);
        Assert.Equal(("initial_contact", 2L), (states[0].Text("state"), states[0].GetProperty("conversations").GetInt64()));

        var satisfaction = await api.GetAsync("/api/v1/analytics/satisfaction");
        Assert.Equal(1, satisfaction.Body.GetProperty("total_ratings").GetInt32());
        Assert.Equal(1.0, satisfaction.Body.GetProperty("satisfaction_rate").GetDouble());
        Assert.Equal(1, satisfaction.Body.GetProperty("rating_distribution").GetProperty("5").GetInt32());
    }
}
