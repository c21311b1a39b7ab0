using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation.Changes;

/// <summary>A person handed the conversation back to the assistant, which starts again calm.</summary>
/// <param name="At">When.</param>
/// <param name="By">The operator who did, when one did it through the operator API.</param>
[GenerateSerializer, Immutable, Alias("conversations.change.handed-back.v1")]
public sealed record HandedBack(DateTimeOffset At, [property: Id(0)] OperatorIdentity? By = null) : ConversationChange(At);
