using System.Net;
using System.Text.Json;

namespace Conversations.Durability.Tests;

[Collection(PostgresCollection.Name)]
public sealed class AnalyticsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task AnalyticsSummariseTheTranscriptOfScriptedConversations()
    {
        await using var gateway = await GatewayHost.StartAsync(Settings.Durable(await postgres.NewDatabaseAsync(), chunkDelay: null).AsArguments());
        using var http = new HttpClient { BaseAddress = gateway.HttpUri, Timeout = TimeSpan.FromSeconds(20) };

        await using (var sales = await gateway.ConnectAsync($"a-{Guid.NewGuid():N}"))
        {
            await sales.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
            await sales.UntilAsync(f => f.IsReply(1));
            await sales.SendMessageAsync("m2", "We are 25 people and use spreadsheets today");
            await sales.UntilAsync(f => f.IsReply(2));
        }

        await using (var angry = await gateway.ConnectAsync($"b-{Guid.NewGuid():N}"))
        {
            await angry.SendMessageAsync("m1", "This is useless, I want to talk to a real person");
            var turn = await angry.UntilAsync(f => f.IsReply(1));
            Assert.Contains(turn, f => f.IsSystem("handoff"));
        }

        // The transcript is written just after each turn commits.
        var summary = await Eventually.GetAsync(
            () => GetAsync(http, "/analytics/summary"),
            s => s.GetProperty("turns").GetInt64() == 3,
            TimeSpan.FromSeconds(20));
        Assert.Equal(2, summary.GetProperty("conversations").GetInt64());
        Assert.Equal(2, summary.GetProperty("active_conversations").GetInt64());
        Assert.Equal(1.5, summary.GetProperty("average_conversation_turns").GetDouble());
        Assert.Equal(0.5, summary.GetProperty("handoff_rate").GetDouble());
        var p50 = summary.GetProperty("turn_latency_p50_ms").GetDouble();
        var p95 = summary.GetProperty("turn_latency_p95_ms").GetDouble();
        Assert.True(p50 >= 0 && p95 >= p50, $"p50 {p50}, p95 {p95}");

        var intents = await GetAsync(http, "/analytics/intents");
        var intentItems = intents.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, intentItems.Sum(i => i.GetProperty("turns").GetInt64()));
        Assert.Contains(intentItems, i => i.GetProperty("intent").GetString() == "interest");
        Assert.Equal(1.0, intentItems.Sum(i => i.GetProperty("share").GetDouble()), 3);

        var funnel = (await GetAsync(http, "/analytics/funnel")).EnumerateArray().ToList();
        Assert.Equal(7, funnel.Count);
        Assert.Equal("initial_contact", funnel[0].GetProperty("state").GetString());
        Assert.Equal(2, funnel[0].GetProperty("conversations").GetInt64());

        var days = await GetAsync(http, "/analytics/turns-per-day?page_size=1");
        var today = Assert.Single(days.GetProperty("items").EnumerateArray());
        Assert.Equal(3, today.GetProperty("turns").GetInt64());
        Assert.Equal(2, today.GetProperty("conversations").GetInt64());
        Assert.Equal(1, days.GetProperty("total").GetInt64());
        var second = await GetAsync(http, "/analytics/turns-per-day?page_size=1&page=2");
        Assert.Empty(second.GetProperty("items").EnumerateArray());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task AnalyticsAreNotFoundWithoutPostgresStorage()
    {
        await using var gateway = await GatewayHost.StartAsync();
        using var http = new HttpClient { BaseAddress = gateway.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
        using var response = await http.GetAsync(new Uri("/analytics/summary", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Cluster:Storage=Postgres", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
