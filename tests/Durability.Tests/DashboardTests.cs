using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conversations.Tests.Support.Models;

namespace Conversations.Durability.Tests;

// deploy/grafana/conversations.json asks only for metrics that a gateway serves: checked against the /metrics
// of an embedded gateway on PostgreSQL whose replies come from a model, after turns that exercise each panel.
[Collection(PostgresCollection.Name)]
public sealed partial class DashboardTests(PostgresFixture postgres)
{
    private static readonly HashSet<string> Keywords = ["and", "or", "unless", "bool", "offset"];

    [Fact]
    public async Task EveryMetricTheDashboardQueriesIsServedAfterATurn()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "conversations.json")))!;
        var panels = dashboard["panels"]!.AsArray().Select(p => p!).ToList();
        Assert.Equal(panels.Count, panels.Select(p => (int)p["id"]!).Distinct().Count());
        var queried = panels.Where(p => (string?)p["type"] != "row").ToList();
        Assert.All(queried, p => Assert.Equal("${datasource}", (string?)p["datasource"]!["uid"]));
        var names = queried.SelectMany(p => p["targets"]!.AsArray()).SelectMany(t => MetricNames((string)t!["expr"]!)).ToHashSet();
        Assert.Contains("conversations_gateway_connections", names);
        Assert.Contains("conversations_first_delta_seconds_bucket", names);
        Assert.Contains("conversations_log_writes_total", names);

        await using var model = await ModelServer.StartAsync();
        var settings = Settings.Durable(await postgres.NewDatabaseAsync());
        settings["Responders:Provider"] = "openai";
        settings["Responders:OpenAI:BaseUrl"] = model.OpenAIBaseUrl;
        settings["Responders:OpenAI:Model"] = "test-model";
        settings["Responders:OpenAI:ApiKey"] = "test-key";
        settings["Responders:CircuitBreaker:FailureThreshold"] = "1000";
        await using var gateway = await GatewayHost.StartAsync(settings.AsArguments());
        using var http = new HttpClient { BaseAddress = gateway.HttpUri, Timeout = TimeSpan.FromSeconds(20) };

        // A reply from the model, one cut off (a model error and a fallback reply), a frame refused, a resume.
        var id = $"dashboard-{Guid.NewGuid():N}";
        var key = $"[case {id}]";
        model.Script(key, ModelStep.Reply("Hello ", "from ", "the model."), ModelStep.CutAfter("Half "));
        await using (var client = await gateway.ConnectAsync(id))
        {
            await client.SendMessageAsync("m1", $"Hi, we need a CRM {key}");
            await client.UntilAsync(f => f.IsReply(1), TimeSpan.FromSeconds(60));
            await client.SendMessageAsync("m2", $"Tell me more {key}");
            await client.UntilAsync(f => f.IsReply(2), TimeSpan.FromSeconds(60));
            await client.SendTextAsync("{not json");
            await client.UntilAsync(f => f.Type == "error" && f.ErrorCode == "INVALID_MESSAGE");
        }

        await using (var resumed = await gateway.ConnectAsync(id, lastSeq: 1))
        {
            await resumed.UntilAsync(f => f.IsReply(2));
        }

        // Counters appear on the next export after their first measurement, HTTP durations after a request ends.
        MetricsScrape? last = null;
        try
        {
            await Eventually.GetAsync(
                async () => last = await MetricsScrape.ReadAsync(http),
                scrape => names.All(scrape.Has),
                TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"not served: {string.Join(", ", names.Where(n => !last!.Has(n)).Order())}");
        }
    }

    [Theory]
    [InlineData("histogram_quantile(0.95, sum by (le) (rate(a_seconds_bucket{outcome=\"ok\"}[$__rate_interval])))", "a_seconds_bucket")]
    [InlineData("sum(rate(a_sum[5m])) / sum without (x) (rate(a_count[5m]))", "a_sum a_count")]
    [InlineData("sum by (to) (increase(b_total[1h])) and on (to) c", "b_total c")]
    public void MetricNamesAreReadFromPromQl(string expression, string expected) =>
        Assert.Equal(expected.Split(' '), MetricNames(expression));

    // The series names of a PromQL expression: what is left once label matchers, ranges, grouping clauses and
    // function calls are taken out.
    private static IEnumerable<string> MetricNames(string expression)
    {
        var bare = Matchers().Replace(expression, " ");
        bare = Ranges().Replace(bare, " ");
        bare = Grouping().Replace(bare, " ");
        return Identifiers().Matches(bare).Select(m => m.Value).Where(name => !Keywords.Contains(name)).Distinct();
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.])[A-Za-z_:][A-Za-z0-9_:]*\b(?!\s*\()")]
    private static partial Regex Identifiers();
}
