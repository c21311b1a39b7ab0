namespace Conversations.Grains.Hosting;

/// <summary>
/// A clock whose timestamps count from its creation rather than from the operating system's origin (on Linux,
/// boot); everything else is <paramref name="inner"/>'s.
/// </summary>
/// <remarks>
/// Given to Orleans' membership area, whose silo watchdog starts its platform thread before it sets the
/// component check's first timestamp. When that thread runs first, as it often does on two cores, it measures
/// from timestamp 0 and warns "Participant check thread has not completed for" the machine's uptime. Counted
/// from here, 0 is a moment of this start-up, and the check stays quiet unless start-up really stalls. Only
/// differences of timestamps mean anything, so nothing else changes.
/// </remarks>
internal sealed class StartRelativeTimeProvider(TimeProvider inner) : TimeProvider
{
    // One tick before the first: a timestamp taken from now on is never 0.
    private readonly long _origin = inner.GetTimestamp() - 1;

    /// <inheritdoc />
    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <inheritdoc />
    public override long GetTimestamp() => inner.GetTimestamp() - _origin;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
