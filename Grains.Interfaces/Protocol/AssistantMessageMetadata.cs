using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Interfaces.Protocol;

/// <summary>How a reply was made.</summary>
/// <param name="ResponseTimeMs">Milliseconds from the start of processing to the complete reply.</param>
/// <param name="Responder">What wrote the reply (<c>offline</c>, or a model's name).</param>
/// <param name="Cancelled"><see langword="true"/> when the reply was stopped; its text is partial.</param>
/// <param name="RefusedTransition">
/// A transition the turn asked for that the state machine refused, as <c>from -&gt; to</c>.
/// </param>
/// <param name="Usage">The model's token usage for this reply, when a model answered and reported it.</param>
/// <param name="Persona">Who answered: <c>sales</c>, <c>tech_support</c>, <c>billing</c> or <c>general</c>.</param>
/// <param name="Tone">How the reply sounds, from <c>helpful</c> to <c>empathetic_escalation</c>.</param>
/// <param name="Frustration">The user's frustration after this turn, from 0 (calm) to 10.</param>
/// <param name="EscalationLikelihood">How likely the conversation needs a person, from 0 to 1.</param>
/// <param name="EscalationFactors">What the likelihood is made of; left out when nothing adds to it.</param>
/// <param name="ConversionProbability">How likely the conversation ends in a purchase, from 0 to 1.</param>
/// <param name="HandedOff"><see langword="true"/> when this turn handed the conversation to a person.</param>
/// <param name="ArticleId">The knowledge-base article the reply is grounded in (<c>kb-051</c>); left out when none.</param>
public sealed record AssistantMessageMetadata(
    long ResponseTimeMs,
    string Responder,
    bool? Cancelled = null,
    string? RefusedTransition = null,
    TokenUsage? Usage = null,
    Persona? Persona = null,
    Tone? Tone = null,
    int? Frustration = null,
    double? EscalationLikelihood = null,
    IReadOnlyList<EscalationFactor>? EscalationFactors = null,
    double? ConversionProbability = null,
    bool? HandedOff = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("article_id")] string? ArticleId = null);
