using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation.Changes;

/// <summary>The operator who holds the conversation wrote to the user (its <c>assistant_message</c> is beside it in the log).</summary>
/// <param name="At">When.</param>
/// <param name="Operator">Who.</param>
/// <param name="Turn">The latest user turn when they wrote.</param>
/// <param name="Content">What they wrote.</param>
[GenerateSerializer, Immutable, Alias("conversations.change.operator-replied.v1")]
public sealed record OperatorReplied(
    DateTimeOffset At,
    [property: Id(0)] OperatorIdentity Operator,
    [property: Id(1)] int Turn,
    [property: Id(2)] string Content) : ConversationChange(At);
