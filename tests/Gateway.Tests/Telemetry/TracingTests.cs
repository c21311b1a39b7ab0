using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conversations.Gateway.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class TracingTests : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private GatewayHost _host = null!;

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Conversations" || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task OneTurnIsOneTraceFromTheGatewayThroughTheGrainToTheReplyGenerator()
    {
        var conversationId = $"trace-{Guid.NewGuid():N}";
        await using var client = await _host.ConnectAsync(conversationId);
        await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
        await client.UntilAsync(f => f.IsReply(1));
        await client.SendMessageAsync("m2", "We are 25 people");
        await client.UntilAsync(f => f.IsReply(2));

        // The turn's span ends after its assistant_message is published, so wait for it.
        var spans = await Eventually.GetAsync(
            () => Task.FromResult(_stopped.ToArray()),
            all => all.Count(a => a.OperationName == "conversation.turn" && Of(a, conversationId)) == 2,
            TimeSpan.FromSeconds(10));

        var submit = spans.Single(a => a.OperationName == "conversation.submit" && Of(a, conversationId) && (int?)a.GetTagItem("conversation.turn") == 1);
        var turn = spans.Single(a => a.OperationName == "conversation.turn" && Of(a, conversationId) && (int?)a.GetTagItem("conversation.turn") == 1);
        var generate = spans.Single(a => a.OperationName == "conversation.generate" && Of(a, conversationId) && (int?)a.GetTagItem("conversation.turn") == 1);

        Assert.Equal(default, submit.ParentSpanId);
        Assert.Equal(submit.TraceId, turn.TraceId);
        Assert.Equal(submit.TraceId, generate.TraceId);
        Assert.Equal(turn.SpanId, generate.ParentSpanId);

        // From the turn up to the gateway's span, through Orleans' call spans.
        var chain = Ancestors(turn, spans).ToList();
        Assert.Equal(submit.SpanId, chain[^1].SpanId);
        Assert.Contains(chain, a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        Assert.Equal("interest", turn.GetTagItem("conversation.intent"));

        // The second turn is a trace of its own.
        var second = spans.Single(a => a.OperationName == "conversation.turn" && Of(a, conversationId) && (int?)a.GetTagItem("conversation.turn") == 2);
        Assert.NotEqual(turn.TraceId, second.TraceId);
    }

    private static bool Of(Activity activity, string conversationId) => (string?)activity.GetTagItem("conversation.id") == conversationId;

    private static IEnumerable<Activity> Ancestors(Activity activity, Activity[] spans)
    {
        var current = activity;
        while (current.ParentSpanId != default && spans.FirstOrDefault(a => a.SpanId == current.ParentSpanId) is { } parent)
        {
            yield return parent;
            current = parent;
        }
    }
}
