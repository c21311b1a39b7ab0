namespace Conversations.Grains.Interfaces.Model;

/// <summary>A read-only view of a conversation's checkpoint.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="State">The current state.</param>
/// <param name="PreviousState">The state before the last transition, if any.</param>
/// <param name="TurnCount">How many user turns were accepted.</param>
/// <param name="MessageCount">How many messages the conversation holds: user turns plus completed replies.</param>
/// <param name="Summary">A short summary of the conversation, older turns included.</param>
/// <param name="LastSeq">The <c>seq</c> of the newest frame in the log; 0 when there is none.</param>
/// <param name="RecentTurns">The most recent completed turns, oldest first.</param>
/// <param name="WaitingForInput">What the conversation waits for from the user, if anything.</param>
/// <param name="CreatedAt">When the conversation was created.</param>
/// <param name="UpdatedAt">When the checkpoint last changed.</param>
/// <param name="HandedOff">Whether a person has the conversation; the assistant does not answer until it is handed back.</param>
/// <param name="Frustration">The user's frustration after the last turn, from 0 to 10.</param>
/// <param name="Tone">The tone of the last reply.</param>
/// <param name="ConversionProbability">How likely the conversation ends in a purchase, from 0 to 1.</param>
/// <param name="EscalationLikelihood">How likely the conversation needs a person, from 0 to 1.</param>
/// <param name="Persona">Who answered the last turn.</param>
[GenerateSerializer, Immutable, Alias("conversations.snapshot.v1")]
public sealed record ConversationSnapshot(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] ConversationState State,
    [property: Id(2)] ConversationState? PreviousState,
    [property: Id(3)] int TurnCount,
    [property: Id(4)] int MessageCount,
    [property: Id(5)] string Summary,
    [property: Id(6)] long LastSeq,
    [property: Id(7)] IReadOnlyList<TurnSummary> RecentTurns,
    [property: Id(8)] WaitingForInput? WaitingForInput,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] bool HandedOff = false,
    [property: Id(12)] int Frustration = 0,
    [property: Id(13)] Tone Tone = Tone.Helpful,
    [property: Id(14)] double ConversionProbability = 0,
    [property: Id(15)] double EscalationLikelihood = 0,
    [property: Id(16)] Persona Persona = Persona.General);
