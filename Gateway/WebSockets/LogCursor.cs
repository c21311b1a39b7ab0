namespace Conversations.Gateway.WebSockets;

/// <summary>
/// Where one client stands in its conversation's log: the highest <c>seq</c> it was sent, and whether a turn is
/// open. Decides, for each log frame that reaches the socket (live, replayed or fetched to fill a gap), whether it
/// is the next one to send, one already sent, or one with frames missing before it. Used by the send loop only;
/// <see cref="TurnOpen"/> and <see cref="LastSentAt"/> are also read by the stall timer.
/// </summary>
internal sealed class LogCursor(long lastSeq)
{
    private long _lastSentAt;
    private volatile bool _turnOpen;

    /// <summary>The highest <c>seq</c> the client has: frames up to it are never sent again.</summary>
    public long LastSentSeq { get; private set; } = lastSeq;

    /// <summary>Whether the last frame sent left a turn open (acknowledged or streaming, not answered).</summary>
    public bool TurnOpen => _turnOpen;

    /// <summary>When the last log frame was sent, as a <see cref="TimeProvider"/> timestamp (0 before any).</summary>
    public long LastSentAt => Interlocked.Read(ref _lastSentAt);

    /// <summary>What to do with the log frame <paramref name="seq"/>.</summary>
    public CursorStep Place(long seq) =>
        seq <= LastSentSeq ? CursorStep.AlreadySent
        : seq == LastSentSeq + 1 ? CursorStep.Next
        : CursorStep.Gap;

    /// <summary>The frame <paramref name="seq"/> was sent.</summary>
    public void Sent(long seq, bool endsTurn, long timestamp)
    {
        if (seq != LastSentSeq + 1)
        {
            throw new InvalidOperationException($"Frame {seq} sent after {LastSentSeq}: the client's log would have a hole.");
        }

        LastSentSeq = seq;
        _turnOpen = !endsTurn;
        Interlocked.Exchange(ref _lastSentAt, timestamp);
    }

    /// <summary>The client has everything up to <paramref name="seq"/> (its resume point, or a resync's).</summary>
    public void MoveTo(long seq) => LastSentSeq = seq;
}
