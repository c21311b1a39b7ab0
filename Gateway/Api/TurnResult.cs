using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Api;

/// <summary>What became of one user turn sent over HTTP.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Turn">The turn number.</param>
/// <param name="MessageId">The message's id.</param>
/// <param name="Status"><c>answered</c>, <c>failed</c> (see <paramref name="ErrorCode"/>), <c>handed_off</c> (a person has the conversation: stored, not answered) or <c>pending</c> (still being answered when the wait ended; read it later).</param>
/// <param name="Reply">The assistant's answer, when answered.</param>
/// <param name="State">The conversation's state after the turn.</param>
/// <param name="PreviousState">The state before the turn.</param>
/// <param name="Intent">What the message was understood as, when answered.</param>
/// <param name="Seq">The <c>seq</c> of the last frame of the turn in the conversation's log.</param>
/// <param name="Duplicate">Whether the message id had been sent before (the original turn is returned).</param>
/// <param name="ErrorCode">Why the turn failed, when it did.</param>
/// <param name="ErrorMessage">What went wrong, when the turn failed.</param>
/// <param name="ResponseTimeMs">Milliseconds from the start of processing to the complete reply, when answered.</param>
/// <param name="ConversionProbability">How likely the conversation ends in a purchase after this turn, from 0 to 1, when answered.</param>
public sealed record TurnResult(
    string ConversationId,
    int Turn,
    string MessageId,
    string Status,
    string? Reply,
    ConversationState State,
    ConversationState PreviousState,
    Intent? Intent,
    long Seq,
    bool Duplicate,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    long? ResponseTimeMs = null,
    double? ConversionProbability = null);
