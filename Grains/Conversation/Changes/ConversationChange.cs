namespace Conversations.Grains.Conversation.Changes;

/// <summary>
/// One change to a conversation's checkpoint, stored in the log with the frames it produced. A reactivation
/// applies the changes stored after the latest snapshot to it (<see cref="ChangeApplier"/>), so the checkpoint
/// itself is written only now and then.
/// </summary>
/// <param name="At">When the change was made.</param>
[GenerateSerializer, Immutable, Alias("conversations.change.v1")]
public abstract record ConversationChange([property: Id(0)] DateTimeOffset At);
