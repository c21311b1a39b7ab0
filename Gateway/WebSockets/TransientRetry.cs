using Conversations.Grains.Interfaces;

namespace Conversations.Gateway.WebSockets;

/// <summary>
/// Retries a grain call that failed because the cluster is changing under it: a silo died and is not yet
/// declared dead, so the call was routed to it and refused; or a conversation found itself behind storage
/// and is reloading. Within a few seconds membership catches up and the same call reaches a good activation. Every call retried here is idempotent (message ids make a resent
/// user_message harmless).
/// </summary>
internal static class TransientRetry
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    public static async Task<T> CallAsync<T>(Func<Task<T>> call, TimeSpan bound, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                return await call().WaitAsync(cancellationToken);
            }
            catch (Exception exception) when (IsTransient(exception) && time.GetElapsedTime(started) + delay < bound)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    // A timeout is retried too: a call forwarded to a silo that died is never answered.
    private static bool IsTransient(Exception exception) =>
        exception is OrleansMessageRejectionException or SiloUnavailableException or ConversationUnavailableException or TimeoutException;
}
