using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation.Changes;

/// <summary>An answered turn was rated; the rating replaces any earlier one of the same turn.</summary>
/// <param name="At">When.</param>
/// <param name="Feedback">The rating.</param>
[GenerateSerializer, Immutable, Alias("conversations.change.turn-rated.v1")]
public sealed record TurnRated(DateTimeOffset At, [property: Id(0)] TurnFeedback Feedback) : ConversationChange(At);
