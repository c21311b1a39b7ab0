using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation.Changes;

/// <summary>
/// A turn ended without a reply: a person has the conversation, or answering it failed for good. Its message
/// is kept among the recent turns (and so in the transcript).
/// </summary>
/// <param name="At">When it ended.</param>
/// <param name="Turn">The turn, with an empty reply.</param>
[GenerateSerializer, Immutable, Alias("conversations.change.turn-closed-without-reply.v1")]
public sealed record TurnClosedWithoutReply(DateTimeOffset At, [property: Id(0)] TurnSummary Turn) : ConversationChange(At);
