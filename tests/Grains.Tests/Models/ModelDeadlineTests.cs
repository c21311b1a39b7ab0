using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Responders;
using Conversations.Grains.Responders.Models;
using Conversations.Grains.Settings;
using Conversations.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Grains.Tests.Models;

/// <summary>
/// The model's two deadlines on a clock that moves only when told to: each is missed exactly when it passes, not
/// a moment before, whatever the machine is doing.
/// </summary>
public sealed class ModelDeadlineTests : IDisposable
{
    // Each wait below is for something the clock has already made happen; this only bounds a broken test.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ScriptedModel _model = new();
    private readonly ModelOptions _options = new() { FirstTokenTimeout = TimeSpan.FromSeconds(2), ReplyTimeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task AModelSilentUntilItsFirstTokenDeadlineIsLeftForTheFallbackThenAndNotBefore()
    {
        await using var reply = Generator().GenerateAsync(Context(), CancellationToken.None).GetAsyncEnumerator();
        var first = reply.MoveNextAsync().AsTask();

        _time.Advance(TimeSpan.FromMilliseconds(1999));
        await _model.Started.WaitAsync(Bound);
        Assert.False(first.IsCompleted, "the first-token deadline has not passed yet");

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await first.WaitAsync(Bound));
        var fallback = Assert.IsType<ReplyFallback>(reply.Current);
        Assert.Equal(ErrorCodes.LlmTimeout, fallback.ErrorCode);
        Assert.Contains("first-token", fallback.Message, StringComparison.Ordinal);
        Assert.True(await reply.MoveNextAsync().AsTask().WaitAsync(Bound));
        Assert.Equal("fallback reply", Assert.IsType<ReplyText>(reply.Current).Text);
        await _model.Cancelled.WaitAsync(Bound);
    }

    [Fact]
    public async Task AfterTheFirstTokenOnlyTheWholeReplyDeadlineCountsFromTheStartOfTheCall()
    {
        await using var reply = Generator().GenerateAsync(Context(), CancellationToken.None).GetAsyncEnumerator();
        var first = reply.MoveNextAsync().AsTask();
        await _model.Started.WaitAsync(Bound);

        _time.Advance(TimeSpan.FromSeconds(1));
        await _model.Send(new ReplyText("Hello"));
        Assert.True(await first.WaitAsync(Bound));
        Assert.Equal("Hello", Assert.IsType<ReplyText>(reply.Current).Text);

        // Long past the first-token deadline, one tick before the whole-reply deadline: still the model's turn.
        var next = reply.MoveNextAsync().AsTask();
        _time.Advance(TimeSpan.FromSeconds(29) - TimeSpan.FromMilliseconds(1));
        await Task.Yield();
        Assert.False(next.IsCompleted, "the whole-reply deadline has not passed yet");

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await next.WaitAsync(Bound));
        var fallback = Assert.IsType<ReplyFallback>(reply.Current);
        Assert.Equal(ErrorCodes.LlmTimeout, fallback.ErrorCode);
        Assert.Contains("whole-reply", fallback.Message, StringComparison.Ordinal);
        await _model.Cancelled.WaitAsync(Bound);
    }

    [Fact]
    public async Task AModelThatFinishesInTimeIsNeverCutOff()
    {
        await using var reply = Generator().GenerateAsync(Context(), CancellationToken.None).GetAsyncEnumerator();
        var first = reply.MoveNextAsync().AsTask();
        await _model.Started.WaitAsync(Bound);
        _time.Advance(TimeSpan.FromSeconds(1.5));
        await _model.Send(new ReplyText("All"));
        Assert.True(await first.WaitAsync(Bound));

        _time.Advance(TimeSpan.FromSeconds(28));
        await _model.Send(new ReplyText(" done"));
        Assert.True(await reply.MoveNextAsync().AsTask().WaitAsync(Bound));
        Assert.Equal(" done", Assert.IsType<ReplyText>(reply.Current).Text);
        _model.End();

        Assert.False(await reply.MoveNextAsync().AsTask().WaitAsync(Bound));
    }

    public void Dispose() => _services.Dispose();

    private ResilientReplyGenerator Generator() =>
        new(
            _model,
            new FixedReply("fallback reply"),
            new CircuitBreaker(new CircuitBreakerOptions(), _time),
            new FixedOptionsMonitor<ModelOptions>(_options),
            _time,
            new ConversationInstruments(_services.GetRequiredService<IMeterFactory>()),
            NullLogger<ResilientReplyGenerator>.Instance);

    private static ReplyContext Context() =>
        new("c-1", 1, "hello", null, new Intent("greeting", 0.9), ConversationState.InitialContact, ConversationState.InitialContact, [], string.Empty, 280);

    /// <summary>A model whose pieces the test hands over one by one.</summary>
    private sealed class ScriptedModel : IReplyGenerator
    {
        private readonly Channel<ReplyEvent> _pieces = Channel.CreateUnbounded<ReplyEvent>();
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "scripted";

        public Task Started => _started.Task;

        public Task Cancelled => _cancelled.Task;

        public ValueTask Send(ReplyEvent piece) => _pieces.Writer.WriteAsync(piece);

        public void End() => _pieces.Writer.Complete();

        public async IAsyncEnumerable<ReplyEvent> GenerateAsync(ReplyContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            // The call's cancellation also ends the read below, whose end can dispose the registration before its
            // turn comes among the token's callbacks: the iterator's end records the cancellation too.
            using var registration = cancellationToken.Register(() => _cancelled.TrySetResult());
            try
            {
                _started.TrySetResult();
                await foreach (var piece in _pieces.Reader.ReadAllAsync(cancellationToken))
                {
                    yield return piece;
                }
            }
            finally
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    _cancelled.TrySetResult();
                }
            }
        }
    }

    private sealed class FixedReply(string text) : IReplyGenerator
    {
        public string Name => "fixed";

        public async IAsyncEnumerable<ReplyEvent> GenerateAsync(ReplyContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield return new ReplyText(text);
        }
    }
}
