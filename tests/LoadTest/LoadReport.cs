namespace Conversations.LoadTest;

/// <summary>The outcome of one load run, as printed and as written to JSON.</summary>
public sealed record LoadReport
{
    public required string RunId { get; init; }

    public required LoadMode Mode { get; init; }

    /// <summary>Whether the target was the echo server.</summary>
    public required bool Baseline { get; init; }

    public required IReadOnlyList<string> Urls { get; init; }

    public required int Connections { get; init; }

    public required int ConnectionsOpened { get; init; }

    public required int TurnsPerConnection { get; init; }

    /// <summary>From the first turn started to the last one ended (idle: the hold).</summary>
    public required double DurationSeconds { get; init; }

    public required long TurnsStarted { get; init; }

    public required long TurnsAcked { get; init; }

    public required long TurnsCompleted { get; init; }

    public required long TurnsTimedOut { get; init; }

    /// <summary>Open loop: turns that were due while every connection was busy.</summary>
    public required long TurnsSkipped { get; init; }

    public required double TurnsPerSecond { get; init; }

    public required long FramesReceived { get; init; }

    public required double FramesPerSecond { get; init; }

    public required double FramesPerTurn { get; init; }

    public required LatencySummary AckMs { get; init; }

    public required LatencySummary FirstDeltaMs { get; init; }

    public required LatencySummary TurnMs { get; init; }

    public required LatencySummary ConnectMs { get; init; }

    public required LatencySummary ReconnectMs { get; init; }

    public required IReadOnlyDictionary<string, long> Errors { get; init; }

    public required long Reconnects { get; init; }

    public required long UnexpectedDisconnects { get; init; }

    /// <summary>Sockets that could not be opened, or not reopened after every attempt.</summary>
    public required long ConnectFailures { get; init; }

    /// <summary>Attempts to reopen a lost socket that failed before a later one succeeded or the socket gave up.</summary>
    public required long ConnectAttemptsFailed { get; init; }

    /// <summary>Lost sockets reopened on another gateway (the next <c>--url</c>).</summary>
    public required long Failovers { get; init; }

    public required long Resyncs { get; init; }

    /// <summary>User messages sent again (same id) after an error that suggested a retry.</summary>
    public required long Retries { get; init; }

    public required ProtocolViolations Violations { get; init; }

    /// <summary>The first violations, described (up to 20).</summary>
    public required IReadOnlyList<string> ViolationSamples { get; init; }

    public required IReadOnlyList<ProcessMemory> Memory { get; init; }

    /// <summary>Mean whole-turn time by the turn's place in its conversation (turns 1-20, 21-40, ...).</summary>
    public IReadOnlyList<TurnWindow> TurnWindows { get; init; } = [];

    /// <summary>The events of <c>--events</c> and what each did to the turns in flight at that moment.</summary>
    public required IReadOnlyList<EventImpact> Events { get; init; }

    /// <summary>No protocol violation, no lost turn, no failed connection.</summary>
    public bool Clean => Violations.Total == 0 && TurnsTimedOut == 0 && ConnectFailures == 0;
}
