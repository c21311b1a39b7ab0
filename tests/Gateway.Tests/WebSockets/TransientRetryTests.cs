using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Gateway.Tests.WebSockets;

// The retry of grain calls while the cluster changes, on a fake clock: each wait is a timer the test sees
// being set and then fires by advancing the clock, so what is retried, and how often, does not depend on
// the machine's speed.
public sealed class TransientRetryTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(5);
    private readonly WaitWatchingClock _time = new();

    [Theory]
    [InlineData("message rejected")]
    [InlineData("silo unavailable")]
    [InlineData("conversation unavailable")]
    [InlineData("timeout")]
    public async Task ATransientFailureIsRetriedWhileTheLongestWaitStillEndsWithinTheBound(string kind)
    {
        var retry = new TransientRetry(RetryFor, _time);
        var calls = 0;
        var last = default(Exception);
        var running = retry.CallAsync<int>(
            () =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromException<int>(last = Failure(kind));
            },
            CancellationToken.None);

        // Waits at most a second each: after the fourth, 4 s have passed and a fifth could end past 5 s.
        var waits = new List<TimeSpan>();
        for (var wait = 0; wait < 4; wait++)
        {
            waits.Add(await _time.NextWaitAsync(Bound));
            _time.Advance(TransientRetry.MaxDelay);
        }

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => running.WaitAsync(Bound));
        Assert.Same(last, thrown);
        Assert.Equal(5, Volatile.Read(ref calls));
        Assert.Equal(4, _time.WaitsStarted);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromTicks(1), TransientRetry.MaxDelay));

        // Exponential from 100 ms: the first wait is at most twice that, jitter included.
        Assert.True(waits[0] <= 2 * TransientRetry.FirstDelay, $"first wait {waits[0]}");
    }

    [Theory]
    [InlineData("invalid operation")]
    [InlineData("orleans")]
    [InlineData("argument")]
    [InlineData("canceled")]
    public async Task AnyOtherFailureIsThrownAtOnceWithoutARetry(string kind)
    {
        var retry = new TransientRetry(RetryFor, _time);
        var calls = 0;
        var failure = Failure(kind);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => retry.CallAsync<int>(
            () =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromException<int>(failure);
            },
            CancellationToken.None).WaitAsync(Bound));

        Assert.Same(failure, thrown);
        Assert.Equal(1, calls);
        Assert.Equal(0, _time.WaitsStarted);
    }

    [Fact]
    public async Task ACallThatSucceedsAfterTransientFailuresReturnsItsResult()
    {
        var retry = new TransientRetry(RetryFor, _time);
        var calls = 0;
        var running = retry.CallAsync(
            () => Interlocked.Increment(ref calls) <= 2
                ? Task.FromException<string>(new SiloUnavailableException("gone"))
                : Task.FromResult("answered"),
            CancellationToken.None);

        for (var wait = 0; wait < 2; wait++)
        {
            await _time.NextWaitAsync(Bound);
            _time.Advance(TransientRetry.MaxDelay);
        }

        Assert.Equal("answered", await running.WaitAsync(Bound));
        Assert.Equal(3, calls);
        Assert.Equal(2, _time.WaitsStarted);
    }

    [Fact]
    public async Task CancellingDuringAWaitEndsTheCallWithoutAnotherAttempt()
    {
        var retry = new TransientRetry(RetryFor, _time);
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        var running = retry.CallAsync<int>(
            () =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromException<int>(new ConversationUnavailableException("reloading"));
            },
            cancel.Token);

        await _time.NextWaitAsync(Bound);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Bound));
        _time.Advance(RetryFor);
        Assert.Equal(1, calls);
    }

    private static Exception Failure(string kind) => kind switch
    {
        // Only Orleans itself may construct this one.
        "message rejected" => (Exception)RuntimeHelpers.GetUninitializedObject(typeof(OrleansMessageRejectionException)),
        "silo unavailable" => new SiloUnavailableException("the silo is gone"),
        "conversation unavailable" => new ConversationUnavailableException("the conversation is reloading"),
        "timeout" => new TimeoutException("no answer"),
        "invalid operation" => new InvalidOperationException("a bug"),
        "orleans" => new OrleansException("some other cluster failure"),
        "argument" => new ArgumentException("a bad request"),
        "canceled" => new OperationCanceledException("the caller gave up"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // A fake clock that tells the test each time a wait (a timer) is set, and for how long.
    private sealed class WaitWatchingClock() : FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
        private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();
        private int _started;

        public int WaitsStarted => Volatile.Read(ref _started);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _started);
            _waits.Writer.TryWrite(dueTime);
            return timer;
        }

        public async Task<TimeSpan> NextWaitAsync(TimeSpan bound) => await _waits.Reader.ReadAsync().AsTask().WaitAsync(bound);
    }
}
