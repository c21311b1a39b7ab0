using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Responders;

/// <summary>Everything a responder may use to write the reply to one turn.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Turn">The turn being answered.</param>
/// <param name="UserMessage">What the user said.</param>
/// <param name="UserName">The user's name, when known.</param>
/// <param name="Intent">What the message was classified as.</param>
/// <param name="State">The state the conversation is in after this turn's transition.</param>
/// <param name="PreviousState">The state before this turn.</param>
/// <param name="RecentTurns">The most recent completed turns, oldest first.</param>
/// <param name="Summary">A summary of older turns.</param>
/// <param name="MaxReplyChars">The longest reply allowed.</param>
/// <param name="Persona">Who answers.</param>
/// <param name="Tone">How the reply should sound.</param>
/// <param name="Reask">The interrupt to ask again, when the user's answer was not valid.</param>
/// <param name="HandingOff">This turn hands the conversation to a person: the reply says so.</param>
/// <param name="TeamSize">The team size the user gave in this turn, answering the question for it.</param>
/// <param name="Signals">
/// What the conversation knows after this message (team size, need, budget, frustration, failed fixes), or
/// <see langword="null"/> when the caller has none.
/// </param>
public sealed record ReplyContext(
    string ConversationId,
    int Turn,
    string UserMessage,
    string? UserName,
    Intent Intent,
    ConversationState State,
    ConversationState PreviousState,
    IReadOnlyList<TurnSummary> RecentTurns,
    string Summary,
    int MaxReplyChars,
    Persona Persona = Persona.General,
    Tone Tone = Tone.Helpful,
    WaitingForInput? Reask = null,
    bool HandingOff = false,
    int? TeamSize = null,
    Intelligence.ConversationSignals? Signals = null);
