using System.Net;

namespace Conversations.Gateway.Tests.Telemetry;

// Metrics are process-wide; this collection runs alone so that no other test's traffic is counted.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}

[Collection(TelemetryCollection.Name)]
public sealed class MetricsTests : IAsyncLifetime, IDisposable
{
    private GatewayHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await GatewayHost.StartAsync();
        _http = new HttpClient { BaseAddress = _host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task MetricsEndpointCountsTheFramesTurnsAndConnectionsOfAScriptedConversation()
    {
        var before = await MetricsScrape.ReadAsync(_http);
        var conversationId = $"metrics-{Guid.NewGuid():N}";
        var received = new List<Frame>();
        await using (var client = await _host.ConnectAsync(conversationId))
        {
            var open = await Eventually.GetAsync(
                () => MetricsScrape.ReadAsync(_http),
                scrape => scrape.Sum("conversations_gateway_connections") == before.Sum("conversations_gateway_connections") + 1,
                TimeSpan.FromSeconds(10));
            Assert.True(open.Has("conversations_gateway_connections"));

            await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
            received.AddRange(await client.UntilAsync(f => f.IsReply(1)));
            await client.SendMessageAsync("m2", "We are 25 people and use spreadsheets today");
            received.AddRange(await client.UntilAsync(f => f.IsReply(2)));
            await client.SendAsync(new { type = "ping" });
            received.AddRange(await client.UntilAsync(f => f.Type == "pong"));
            await client.SendTextAsync("{not json");
            received.AddRange(await client.UntilAsync(f => f.Type == "error"));
            await client.SendTextAsync(new string('x', (64 * 1024) + 1));
            received.AddRange(await client.UntilAsync(f => f.ErrorCode == "MESSAGE_TOO_LARGE"));
        }

        var deltas = received.Count(f => f.Type == "assistant_delta");
        var stateChanges = received.Count(f => f.IsSystem("state_changed"));
        Assert.True(deltas >= 2, $"expected deltas in both replies, got {deltas}");

        // Counters are updated just after the socket write, so the last frames may be counted a moment later.
        var after = await Eventually.GetAsync(
            () => MetricsScrape.ReadAsync(_http),
            scrape => Delta(scrape, before, "conversations_frames_sent_total", "type=\"error\"") >= 2
                && Delta(scrape, before, "conversations_turn_duration_seconds_count") >= 2
                && scrape.Sum("conversations_gateway_connections") == before.Sum("conversations_gateway_connections"),
            TimeSpan.FromSeconds(10));

        foreach (var type in new[] { "ack", "system", "assistant_delta", "assistant_message", "pong", "error" })
        {
            Assert.Equal(received.Count(f => f.Type == type), Delta(after, before, "conversations_frames_sent_total", $"type=\"{type}\""));
        }

        Assert.Equal(2, Delta(after, before, "conversations_frames_received_total", "type=\"user_message\""));
        Assert.Equal(1, Delta(after, before, "conversations_frames_received_total", "type=\"ping\""));
        Assert.Equal(2, Delta(after, before, "conversations_frames_received_total", "type=\"invalid\""));
        Assert.Equal(1, Delta(after, before, "conversations_rejections_total", "reason=\"INVALID_MESSAGE\""));
        Assert.Equal(1, Delta(after, before, "conversations_rejections_total", "reason=\"MESSAGE_TOO_LARGE\""));
        Assert.Equal(2, Delta(after, before, "conversations_turns_total", "outcome=\"completed\""));
        Assert.Equal(2, Delta(after, before, "conversations_turn_duration_seconds_count", "outcome=\"completed\""));
        Assert.True(Delta(after, before, "conversations_turn_duration_seconds_sum") > 0);
        Assert.Equal(2, Delta(after, before, "conversations_first_delta_seconds_count"));
        Assert.Equal(stateChanges, Delta(after, before, "conversations_state_transitions_total"));
        Assert.Equal(1, Delta(after, before, "conversations_state_transitions_total", "from=\"initial_contact\""));
        Assert.Equal(0, Delta(after, before, "conversations_fallback_replies_total"));
    }

    [Fact]
    public async Task ResumingCountsTheReplayedFrames()
    {
        var conversationId = $"replay-{Guid.NewGuid():N}";
        long lastSeq;
        await using (var first = await _host.ConnectAsync(conversationId))
        {
            await first.SendMessageAsync("m1", "Hello there");
            var frames = await first.UntilAsync(f => f.IsReply(1));
            lastSeq = frames.Last().Seq!.Value;
        }

        var before = await MetricsScrape.ReadAsync(_http);
        await using var second = await _host.ConnectAsync(conversationId, lastSeq: 2);
        var replayed = await second.UntilAsync(f => f.Seq == lastSeq);
        var expected = replayed.Count(f => f.Seq > 2);
        Assert.Equal(lastSeq - 2, expected);

        var after = await Eventually.GetAsync(
            () => MetricsScrape.ReadAsync(_http),
            scrape => Delta(scrape, before, "conversations_replayed_frames_total") >= expected,
            TimeSpan.FromSeconds(10));
        Assert.Equal(expected, Delta(after, before, "conversations_replayed_frames_total"));
    }

    [Fact]
    public async Task MetricsEndpointServesOrleansAndAspNetCoreMetricsToo()
    {
        using var response = await _http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scrape = await Eventually.GetAsync(
            () => MetricsScrape.ReadAsync(_http),
            s => s.Text.Contains("orleans_", StringComparison.Ordinal) && s.Text.Contains("http_server_request_duration_seconds", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.Contains("# TYPE conversations_gateway_connections gauge", scrape.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsCountWhatOperatorsDoWithAHandedOffConversation()
    {
        var before = await MetricsScrape.ReadAsync(_http);
        var id = $"metrics-op-{Guid.NewGuid():N}";
        await using (var client = await _host.ConnectAsync(id))
        {
            await client.SendMessageAsync("m1", "I want to talk to a real person");
            await client.UntilAsync(f => f.IsReply(1));
        }

        using var api = new ApiCall(_host.HttpUri);
        foreach (var (path, body) in new[] { ("take", "{}"), ("reply", """{"content":"Hello, how can I help?"}"""), ("reply", """{"content":"Done."}"""), ("hand-back", "{}") })
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/operator/conversations/{id}/{path}", body)).Status);
        }

        var after = await Eventually.GetAsync(
            () => MetricsScrape.ReadAsync(_http),
            scrape => Delta(scrape, before, "conversations_operator_actions_total", "action=\"handed_back\"") >= 1,
            TimeSpan.FromSeconds(10));
        Assert.Equal(1, Delta(after, before, "conversations_handoffs_total"));
        Assert.Equal(1, Delta(after, before, "conversations_operator_actions_total", "action=\"taken\""));
        Assert.Equal(2, Delta(after, before, "conversations_operator_actions_total", "action=\"replied\""));
        Assert.Equal(1, Delta(after, before, "conversations_operator_actions_total", "action=\"handed_back\""));
    }

    private static double Delta(MetricsScrape after, MetricsScrape before, string name, params string[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);
}
