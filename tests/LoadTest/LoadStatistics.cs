using System.Collections.Concurrent;

namespace Conversations.LoadTest;

/// <summary>Counters and latencies shared by every connection of a run.</summary>
public sealed class LoadStatistics
{
    private long _turnsStarted;
    private long _turnsAcked;
    private long _turnsCompleted;
    private long _turnsTimedOut;
    private long _turnsSkipped;
    private long _framesReceived;
    private long _reconnects;
    private long _unexpectedDisconnects;
    private long _connectFailures;
    private long _connectAttemptsFailed;
    private long _failovers;
    private long _resyncs;
    private long _turnMismatches;
    private long _unreadableFrames;
    private long _retries;

    /// <summary>Time from sending a user message to its <c>ack</c>.</summary>
    public LatencyRecorder Ack { get; } = new();

    /// <summary>Time from sending a user message to the turn's first <c>assistant_delta</c>.</summary>
    public LatencyRecorder FirstDelta { get; } = new();

    /// <summary>Time from sending a user message to the turn's <c>assistant_message</c>.</summary>
    public LatencyRecorder Turn { get; } = new();

    /// <summary>Time to open a socket (TCP connect and WebSocket upgrade).</summary>
    public LatencyRecorder Connect { get; } = new();

    /// <summary>Time from dropping a socket to being connected again with <c>last_seq</c>.</summary>
    public LatencyRecorder Reconnect { get; } = new();

    /// <summary>The first violations seen, described, so that a report says what went wrong and where.</summary>
    public ConcurrentQueue<string> ViolationSamples { get; } = new();

    /// <summary>Error frames by <c>error_code</c>.</summary>
    public ConcurrentDictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    public long TurnsStarted => Interlocked.Read(ref _turnsStarted);

    public long TurnsAcked => Interlocked.Read(ref _turnsAcked);

    public long TurnsCompleted => Interlocked.Read(ref _turnsCompleted);

    public long TurnsTimedOut => Interlocked.Read(ref _turnsTimedOut);

    public long TurnsSkipped => Interlocked.Read(ref _turnsSkipped);

    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public long UnexpectedDisconnects => Interlocked.Read(ref _unexpectedDisconnects);

    /// <summary>Sockets that could not be opened, or could not be reopened after every attempt: their turns are lost.</summary>
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>Attempts to reopen a lost socket that failed and were followed by another attempt (on the next address).</summary>
    public long ConnectAttemptsFailed => Interlocked.Read(ref _connectAttemptsFailed);

    /// <summary>Lost sockets reopened on another gateway than the one that lost them.</summary>
    public long Failovers => Interlocked.Read(ref _failovers);

    public long Resyncs => Interlocked.Read(ref _resyncs);

    public long TurnMismatches => Interlocked.Read(ref _turnMismatches);

    public long UnreadableFrames => Interlocked.Read(ref _unreadableFrames);

    /// <summary>User messages sent again after an error that suggested a retry.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public void OnRetry() => Interlocked.Increment(ref _retries);

    public void OnTurnStarted() => Interlocked.Increment(ref _turnsStarted);

    public void OnTurnAcked() => Interlocked.Increment(ref _turnsAcked);

    public void OnTurnCompleted() => Interlocked.Increment(ref _turnsCompleted);

    public void OnTurnTimedOut() => Interlocked.Increment(ref _turnsTimedOut);

    /// <summary>Open loop: a turn was due and no connection was free to start it.</summary>
    public void OnTurnSkipped() => Interlocked.Increment(ref _turnsSkipped);

    public void OnFrame() => Interlocked.Increment(ref _framesReceived);

    public void OnReconnect() => Interlocked.Increment(ref _reconnects);

    public void OnUnexpectedDisconnect() => Interlocked.Increment(ref _unexpectedDisconnects);

    public void OnConnectFailure() => Interlocked.Increment(ref _connectFailures);

    public void OnConnectAttemptFailed() => Interlocked.Increment(ref _connectAttemptsFailed);

    public void OnFailover() => Interlocked.Increment(ref _failovers);

    public void OnResync() => Interlocked.Increment(ref _resyncs);

    /// <summary>A frame named a turn other than the one the connection is waiting for.</summary>
    public void OnTurnMismatch() => Interlocked.Increment(ref _turnMismatches);

    public void OnUnreadableFrame() => Interlocked.Increment(ref _unreadableFrames);

    /// <summary>Keeps a description of a violation, up to 20 of them.</summary>
    public void OnViolation(string description)
    {
        if (ViolationSamples.Count < 20)
        {
            ViolationSamples.Enqueue(description);
        }
    }

    public void OnError(string code) => Errors.AddOrUpdate(code, 1, (_, count) => count + 1);
}
