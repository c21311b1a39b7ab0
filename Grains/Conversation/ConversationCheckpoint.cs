using Conversations.Grains.Intelligence;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation;

/// <summary>
/// What a conversation knows besides its log: the state machine, recent turns and a summary of older ones, the
/// client message ids already accepted and the turns accepted but not yet answered. Stored now and then as the
/// snapshot of the log; in between, the changes made to it are stored with the frames
/// (<see cref="Changes.ConversationChange"/>).
/// </summary>
[GenerateSerializer, Alias("conversations.checkpoint.v2")]
public sealed class ConversationCheckpoint
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

    /// <summary>The most recently accepted client message ids, oldest first.</summary>
    [Id(9)] public List<ProcessedMessage> ProcessedMessages { get; set; } = [];

    /// <summary>Turns acknowledged and not yet answered, in order; the first is the one running.</summary>
    [Id(10)] public List<PendingTurn> PendingTurns { get; set; } = [];

    /// <summary>What the conversation waits for from the user, if anything.</summary>
    [Id(11)] public WaitingForInput? WaitingForInput { get; set; }

    /// <summary>When the first turn was accepted.</summary>
    [Id(12)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the conversation last changed.</summary>
    [Id(13)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who is talking, when known.</summary>
    [Id(14)] public string? UserId { get; set; }

    /// <summary>The name the user last gave.</summary>
    [Id(15)] public string? UserName { get; set; }

    /// <summary>The latest turn known to be in the transcript store (stored with the next snapshot; writing a turn again is harmless).</summary>
    [Id(16)] public int TranscriptThrough { get; set; }

    /// <summary>Whether the retention reminder is registered (stored with the next snapshot; registering again is harmless).</summary>
    [Id(17)] public bool RetentionScheduled { get; set; }

    /// <summary>Frustration, tone, persona, escalation, conversion, the hand-over flag and interrupt answers.</summary>
    [Id(18)] public ConversationSignals Signals { get; set; } = ConversationSignals.Initial;

    /// <summary>The latest ratings of answered turns, one per turn, oldest first.</summary>
    [Id(19)] public List<TurnFeedback> Feedback { get; set; } = [];

    /// <summary>Why the conversation was last handed to a person, while it is.</summary>
    [Id(20)] public string? HandoffReason { get; set; }

    /// <summary>When it was handed to a person, while it is.</summary>
    [Id(21)] public DateTimeOffset? HandedOffAt { get; set; }

    /// <summary>The operator who took the handed-off conversation over, while they hold it.</summary>
    [Id(22)] public OperatorIdentity? Operator { get; set; }

    /// <summary>Messages operators wrote in this conversation.</summary>
    [Id(23)] public int OperatorReplies { get; set; }
}
