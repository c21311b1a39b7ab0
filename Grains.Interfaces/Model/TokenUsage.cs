namespace Conversations.Grains.Interfaces.Model;

/// <summary>Tokens a model used for one reply, as the model reported them.</summary>
/// <param name="InputTokens">Tokens of the prompt.</param>
/// <param name="OutputTokens">Tokens of the reply.</param>
/// <param name="TotalTokens">Both together.</param>
[GenerateSerializer, Immutable, Alias("conversations.token-usage.v1")]
public sealed record TokenUsage(
    [property: Id(0)] long InputTokens,
    [property: Id(1)] long OutputTokens,
    [property: Id(2)] long TotalTokens);
