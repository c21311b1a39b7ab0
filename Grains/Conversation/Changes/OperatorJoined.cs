using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation.Changes;

/// <summary>An operator took the handed-off conversation over; only they answer it until it is handed back.</summary>
/// <param name="At">When.</param>
/// <param name="Operator">Who.</param>
[GenerateSerializer, Immutable, Alias("conversations.change.operator-joined.v1")]
public sealed record OperatorJoined(DateTimeOffset At, [property: Id(0)] OperatorIdentity Operator) : ConversationChange(At);
