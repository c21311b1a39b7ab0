using Conversations.Grains.Intelligence;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation.Changes;

/// <summary>A turn was answered (or its reply cancelled): it leaves the pending turns and joins the recent ones.</summary>
/// <param name="At">When it ended.</param>
/// <param name="Turn">The turn as it ended.</param>
/// <param name="Transition">The state transition it made, if any.</param>
/// <param name="Signals">The conversation's signals after it.</param>
/// <param name="WaitingForInput">What the conversation now waits for from the user, if anything.</param>
/// <param name="HandoffReason">Why the turn handed the conversation to a person, when it did.</param>
[GenerateSerializer, Immutable, Alias("conversations.change.turn-committed.v1")]
public sealed record TurnCommitted(
    DateTimeOffset At,
    [property: Id(0)] TurnSummary Turn,
    [property: Id(1)] StateTransitionRecord? Transition,
    [property: Id(2)] ConversationSignals Signals,
    [property: Id(3)] WaitingForInput? WaitingForInput,
    [property: Id(4)] string? HandoffReason = null) : ConversationChange(At);
