namespace Conversations.Grains.Interfaces.Model;

/// <summary>One completed turn: what the user said and what was answered.</summary>
/// <param name="Turn">The turn number, from 1.</param>
/// <param name="UserMessage">The user's text.</param>
/// <param name="Reply">The reply's text (partial when cancelled).</param>
/// <param name="StateBefore">The state when the turn started.</param>
/// <param name="StateAfter">The state after the turn.</param>
/// <param name="Intent">The intent the turn was classified as.</param>
/// <param name="ResponseTimeMs">Milliseconds from the start of processing to the complete reply.</param>
/// <param name="Cancelled">Whether the reply was cancelled before it was complete.</param>
/// <param name="Usage">The model's token usage for the turn, when a model answered and reported it.</param>
/// <param name="Responder">What wrote the reply (as in <c>assistant_message.metadata.responder</c>).</param>
/// <param name="HandedOff">Whether this turn handed the conversation to a person.</param>
/// <param name="Failed">Whether answering the turn failed for good: its message is kept, it has no reply.</param>
[GenerateSerializer, Immutable, Alias("conversations.turn-summary.v1")]
public sealed record TurnSummary(
    [property: Id(0)] int Turn,
    [property: Id(1)] string UserMessage,
    [property: Id(2)] string Reply,
    [property: Id(3)] ConversationState StateBefore,
    [property: Id(4)] ConversationState StateAfter,
    [property: Id(5)] Intent Intent,
    [property: Id(6)] long ResponseTimeMs,
    [property: Id(7)] bool Cancelled,
    [property: Id(8)] TokenUsage? Usage = null,
    [property: Id(9)] string? Responder = null,
    [property: Id(10)] bool HandedOff = false,
    [property: Id(11)] bool Failed = false);
