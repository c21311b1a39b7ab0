using System.Collections.Immutable;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intelligence;

/// <summary>What the conversation engine keeps about a conversation between turns; part of the checkpoint.</summary>
/// <param name="Frustration">The user's frustration after the last turn, from 0 to 10.</param>
/// <param name="FailedAttempts">Follow-ups in a row saying that a suggested fix did not work.</param>
/// <param name="Tone">The tone of the last reply.</param>
/// <param name="Persona">Who answered the last turn.</param>
/// <param name="EscalationLikelihood">How likely the conversation needs a person, from 0 to 1.</param>
/// <param name="ConversionProbability">How likely the conversation ends in a purchase, from 0 to 1.</param>
/// <param name="HandedOff">A person has the conversation; the assistant stays silent until it is handed back.</param>
/// <param name="Email">The e-mail address the user gave to close, once valid.</param>
/// <param name="TeamSize">The team size the user gave, for a quote or in passing ("we're a team of 6").</param>
/// <param name="Need">What the user said they need it for, in their words' topic ("Instagram DMs"), once said.</param>
/// <param name="Budget">The budget the user named ("under $100 a month"), once said.</param>
/// <param name="Inputs">The answers to the domain pack's other inputs (duration, attendees...), by input name.</param>
[GenerateSerializer, Immutable, Alias("conversations.signals.v1")]
public sealed record ConversationSignals(
    [property: Id(0)] int Frustration,
    [property: Id(1)] int FailedAttempts,
    [property: Id(2)] Tone Tone,
    [property: Id(3)] Persona Persona,
    [property: Id(4)] double EscalationLikelihood,
    [property: Id(5)] double ConversionProbability,
    [property: Id(6)] bool HandedOff,
    [property: Id(7)] string? Email,
    [property: Id(8)] int? TeamSize,
    [property: Id(9)] string? Need = null,
    [property: Id(10)] string? Budget = null,
    [property: Id(11)] ImmutableDictionary<string, string>? Inputs = null)
{
    /// <summary>A new conversation: calm, helpful, a small chance of a sale.</summary>
    public static ConversationSignals Initial { get; } =
        new(0, 0, Tone.Helpful, Persona.General, 0, ConversionEstimator.Initial, false, null, null);

    /// <summary>The answer given to the input <paramref name="name"/>, or <see langword="null"/>.</summary>
    public string? Answer(string name) => name switch
    {
        ExpectedInputs.Email => Email,
        ExpectedInputs.TeamSize => TeamSize?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Inputs?.GetValueOrDefault(name),
    };
}
