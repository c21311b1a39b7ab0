namespace Conversations.Grains.Conversation.Changes;

/// <summary>A user message was accepted as a new turn, and acknowledged with the frame at <paramref name="AckSeq"/>.</summary>
/// <param name="At">When it was accepted (the ack's timestamp).</param>
/// <param name="Pending">The turn, waiting for its reply.</param>
/// <param name="AckSeq">The <c>seq</c> of its <c>ack</c>.</param>
[GenerateSerializer, Immutable, Alias("conversations.change.message-accepted.v1")]
public sealed record MessageAccepted(DateTimeOffset At, [property: Id(0)] PendingTurn Pending, [property: Id(1)] long AckSeq)
    : ConversationChange(At);
