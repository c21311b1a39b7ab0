using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intelligence;

/// <summary>What the conversation engine made of one user message, before the state machine decides.</summary>
/// <param name="Intent">The intent that drives the turn: the classifier's, or the one a valid interrupt answer stands for.</param>
/// <param name="Signals">The conversation's signals after this message (conversion is updated once the state is known).</param>
/// <param name="Escalation">How likely the conversation needs a person, and why.</param>
/// <param name="HandoffReason">Why this turn hands the conversation to a person, or <see langword="null"/>.</param>
/// <param name="Reask">The interrupt asked again because the answer was not valid, or <see langword="null"/>.</param>
/// <param name="Answered">The kind of input this message validly answered (<see cref="ExpectedInputs"/>), or <see langword="null"/>.</param>
public sealed record TurnInsight(
    Intent Intent,
    ConversationSignals Signals,
    EscalationAssessment Escalation,
    string? HandoffReason,
    WaitingForInput? Reask,
    string? Answered = null)
{
    /// <summary>This turn hands the conversation to a person.</summary>
    public bool HandsOff => HandoffReason is not null;
}
