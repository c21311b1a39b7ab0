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
public sealed record AssistantMessageMetadata(
    long ResponseTimeMs,
    string Responder,
    bool? Cancelled = null,
    string? RefusedTransition = null,
    TokenUsage? Usage = null);
