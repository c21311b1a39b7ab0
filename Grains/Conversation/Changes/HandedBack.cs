namespace Conversations.Grains.Conversation.Changes;

/// <summary>A person handed the conversation back to the assistant, which starts again calm.</summary>
/// <param name="At">When.</param>
[GenerateSerializer, Immutable, Alias("conversations.change.handed-back.v1")]
public sealed record HandedBack(DateTimeOffset At) : ConversationChange(At);
