namespace Conversations.Grains.Conversation.Changes;

/// <summary>The conversation got its owner.</summary>
/// <param name="At">When.</param>
/// <param name="UserId">The owner.</param>
[GenerateSerializer, Immutable, Alias("conversations.change.owner-claimed.v1")]
public sealed record OwnerClaimed(DateTimeOffset At, [property: Id(0)] string UserId) : ConversationChange(At);
