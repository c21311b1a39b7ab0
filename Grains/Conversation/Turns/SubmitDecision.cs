using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation.Turns;

/// <summary>What to do with a submitted user message.</summary>
/// <param name="Kind">Accept it, answer with its original ack, or refuse it as busy.</param>
/// <param name="Turn">For <see cref="SubmitKind.Accept"/>: the turn it opens.</param>
/// <param name="Silent">For <see cref="SubmitKind.Accept"/>: a person has the conversation, so the ack is the whole turn.</param>
/// <param name="InterruptRunning">For <see cref="SubmitKind.Accept"/>: the reply being generated is to be cancelled.</param>
/// <param name="OriginalAck">For <see cref="SubmitKind.Duplicate"/>: the ack the message got when it was first accepted.</param>
public sealed record SubmitDecision(SubmitKind Kind, int Turn = 0, bool Silent = false, bool InterruptRunning = false, LogFrame? OriginalAck = null);
