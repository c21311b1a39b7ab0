using Conversations.Gateway.Hosting;
using Conversations.Grains.Interfaces;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Conversations.Gateway.WebSockets;

/// <summary>
/// Retries a grain call that failed because the cluster is changing under it: a silo died and is not yet
/// declared dead, so the call was routed to it and refused; or a conversation found itself behind storage
/// and is reloading. Within a few seconds membership catches up and the same call reaches a good
/// activation. Every call retried here is idempotent (message ids make a resent user_message harmless).
/// </summary>
/// <remarks>
/// A Polly retry pipeline: exponential backoff from <see cref="FirstDelay"/> with jitter (so the gateways
/// that lost the same silo do not retry in step), each wait at most <see cref="MaxDelay"/>, and no attempt
/// started once <c>Gateway:ClusterChangeRetry</c> has passed since the first.
/// </remarks>
public sealed class TransientRetry
{
    /// <summary>The median wait before the first retry; later waits roughly double.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two attempts.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    private static readonly ResiliencePropertyKey<long> StartedAt = new("conversations.retry.started");
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _time;
    private readonly TimeSpan _bound;

    /// <summary>A retry that keeps trying for <c>Gateway:ClusterChangeRetry</c>.</summary>
    public TransientRetry(IOptions<GatewayOptions> options, TimeProvider time)
        : this(options.Value.ClusterChangeRetry, time)
    {
    }

    /// <summary>A retry that keeps trying for <paramref name="bound"/>, waiting on <paramref name="time"/>.</summary>
    public TransientRetry(TimeSpan bound, TimeProvider time)
    {
        _bound = bound;
        _time = time;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // The time bound ends the retries, not a count.
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstDelay,
                MaxDelay = MaxDelay,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception && IsTransient(exception) && HasTimeFor(args.Context)),
            })
            .Build();
    }

    /// <summary>
    /// Runs <paramref name="call"/>, again after each transient failure while time remains; the last
    /// failure, or any other, is thrown as it was.
    /// </summary>
    public async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StartedAt, _time.GetTimestamp());
        try
        {
            return await _pipeline.ExecuteAsync(
                static (context, call) => new ValueTask<T>(call().WaitAsync(context.CancellationToken)),
                context,
                call);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // A timeout is retried too: a call forwarded to a silo that died is never answered.
    private static bool IsTransient(Exception exception) =>
        exception is OrleansMessageRejectionException or SiloUnavailableException or ConversationUnavailableException or TimeoutException;

    // Jitter makes the next wait unknown here, so retry only while even the longest one ends within the bound.
    private bool HasTimeFor(ResilienceContext context) =>
        _time.GetElapsedTime(context.Properties.GetValue(StartedAt, 0)) + MaxDelay < _bound;
}
