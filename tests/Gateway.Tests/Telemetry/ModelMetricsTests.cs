using Conversations.Tests.Support.Models;

namespace Conversations.Gateway.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class ModelMetricsTests : IAsyncLifetime, IDisposable
{
    private ModelServer _server = null!;
    private GatewayHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await ModelServer.StartAsync();
        _host = await Models.ModelGatewayFixture.StartGatewayAsync(_server, "--Responders:CircuitBreaker:FailureThreshold", "1000");
        _http = new HttpClient { BaseAddress = _host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task ModelCallsTokensErrorsAndFallbacksAreCounted()
    {
        var id = $"model-metrics-{Guid.NewGuid():N}";
        var key = $"[case {id}]";
        _server.Script(key, ModelStep.Reply("Hello ", "from ", "the model."), ModelStep.CutAfter("Half "));
        var before = await MetricsScrape.ReadAsync(_http);

        await using var client = await _host.ConnectAsync(id);
        await client.SendMessageAsync("m1", $"Hi, we need a CRM {key}");
        var first = await client.UntilAsync(f => f.IsReply(1));
        await client.SendMessageAsync("m2", $"Tell me more {key}");
        var second = await client.UntilAsync(f => f.IsReply(2));

        var usage = first[^1].Root.GetProperty("metadata").GetProperty("usage");
        Assert.Contains(second, f => f.Type == "error");
        var after = await Eventually.GetAsync(
            () => MetricsScrape.ReadAsync(_http),
            s => Delta(s, before, "conversations_turns_total") >= 2,
            TimeSpan.FromSeconds(10));

        // Tokens are counted by Microsoft.Extensions.AI's OpenTelemetry middleware (GenAI semantic conventions).
        Assert.Equal(usage.GetProperty("input_tokens").GetInt64(), Delta(after, before, "gen_ai_client_token_usage_sum", "gen_ai_token_type=\"input\""));
        Assert.Equal(usage.GetProperty("output_tokens").GetInt64(), Delta(after, before, "gen_ai_client_token_usage_sum", "gen_ai_token_type=\"output\""));
        Assert.Equal(1, Delta(after, before, "conversations_model_latency_seconds_count", "outcome=\"ok\""));
        Assert.Equal(1, Delta(after, before, "conversations_model_errors_total", "kind=\"error\""));
        Assert.Equal(1, Delta(after, before, "conversations_model_latency_seconds_count", "outcome=\"error\""));
        Assert.Equal(1, Delta(after, before, "conversations_fallback_replies_total"));
    }

    private static double Delta(MetricsScrape after, MetricsScrape before, string name, params string[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);
}
