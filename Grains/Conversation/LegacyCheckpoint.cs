using Conversations.Grains.Intelligence;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation;

/// <summary>
/// The checkpoint as it was stored before the log: the whole conversation, its replay window included, in one
/// Orleans grain-storage row rewritten on every frame. Read only by the migration to the log
/// (<c>deploy/sql/007</c>, <see cref="Persistence.LegacyCheckpointMigration"/>); never written.
/// </summary>
[GenerateSerializer, Alias("conversations.checkpoint.v1")]
public sealed class LegacyCheckpoint
{
    /// <summary>The current state.</summary>
    [Id(0)] public ConversationState State { get; set; } = ConversationState.InitialContact;

    /// <summary>The state before the last transition.</summary>
    [Id(1)] public ConversationState? PreviousState { get; set; }

    /// <summary>The latest transitions, oldest first.</summary>
    [Id(2)] public List<StateTransitionRecord> History { get; set; } = [];

    /// <summary>The most recent completed turns, oldest first.</summary>
    [Id(3)] public List<TurnSummary> RecentTurns { get; set; } = [];

    /// <summary>A summary of the turns that left <see cref="RecentTurns"/>.</summary>
    [Id(4)] public string Summary { get; set; } = string.Empty;

    /// <summary>User turns accepted so far; the number of the latest turn.</summary>
    [Id(5)] public int TurnCount { get; set; }

    /// <summary>Replies completed so far (cancelled ones included).</summary>
    [Id(6)] public int CompletedReplies { get; set; }

    /// <summary>The <c>seq</c> of the newest frame in the log.</summary>
    [Id(7)] public long Seq { get; set; }

    /// <summary>The frames a reconnecting client can be sent again, oldest first.</summary>
    [Id(8)] public List<LogFrame> ReplayWindow { get; set; } = [];

    /// <summary>The most recently accepted client message ids, oldest first.</summary>
    [Id(9)] public List<ProcessedMessage> ProcessedMessages { get; set; } = [];

    /// <summary>Turns acknowledged and not yet answered, in order; the first is the one running.</summary>
    [Id(10)] public List<PendingTurn> PendingTurns { get; set; } = [];

    /// <summary>What the conversation waits for from the user, if anything.</summary>
    [Id(11)] public WaitingForInput? WaitingForInput { get; set; }

    /// <summary>When the first turn was accepted.</summary>
    [Id(12)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the checkpoint was last written.</summary>
    [Id(13)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who is talking, when known.</summary>
    [Id(14)] public string? UserId { get; set; }

    /// <summary>The name the user last gave.</summary>
    [Id(15)] public string? UserName { get; set; }

    /// <summary>The latest turn known to be in the transcript store.</summary>
    [Id(16)] public int TranscriptThrough { get; set; }

    /// <summary>Whether the retention reminder is registered.</summary>
    [Id(17)] public bool RetentionScheduled { get; set; }

    /// <summary>Frustration, tone, persona, escalation, conversion, the hand-over flag and interrupt answers.</summary>
    [Id(18)] public ConversationSignals Signals { get; set; } = ConversationSignals.Initial;

    /// <summary>The latest ratings of answered turns, one per turn, oldest first.</summary>
    [Id(19)] public List<TurnFeedback> Feedback { get; set; } = [];

    /// <summary>The checkpoint without its log (seq and replay window), as the log's snapshot holds it.</summary>
    public ConversationCheckpoint ToCheckpoint() => new()
    {
        State = State,
        PreviousState = PreviousState,
        History = History,
        RecentTurns = RecentTurns,
        Summary = Summary,
        TurnCount = TurnCount,
        CompletedReplies = CompletedReplies,
        ProcessedMessages = ProcessedMessages,
        PendingTurns = PendingTurns,
        WaitingForInput = WaitingForInput,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        UserId = UserId,
        UserName = UserName,
        TranscriptThrough = TranscriptThrough,
        RetentionScheduled = RetentionScheduled,
        Signals = Signals,
        Feedback = Feedback,
    };
}
