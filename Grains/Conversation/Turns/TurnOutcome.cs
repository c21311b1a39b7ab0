using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation.Turns;

/// <summary>
/// How a turn ends: the change to the checkpoint and the frames that announce it, in order. The frames are
/// built when the log gives them their <c>seq</c>.
/// </summary>
/// <param name="Change">The change to apply and store.</param>
/// <param name="Frames">The frames to append, in order; the last one ends the turn.</param>
public sealed record TurnOutcome(ConversationChange Change, IReadOnlyList<Func<FrameHeader, LogFrame>> Frames);
