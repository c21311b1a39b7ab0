using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Operator;

/// <summary>The answer to take over, reply and hand back.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Outcome"><c>done</c>, or <c>already_held</c> when the operator had already taken it over.</param>
/// <param name="Seq">The <c>seq</c> of the frame stored in the conversation's log, when one was.</param>
/// <param name="Operator">The operator who holds the conversation now, if any.</param>
public sealed record OperatorActionResult(string ConversationId, OperatorOutcome Outcome, long? Seq, OperatorIdentity? Operator);
