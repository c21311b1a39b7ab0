namespace Conversations.Grains.Interfaces.Model;

/// <summary>The answer to an operator's request on a conversation.</summary>
/// <param name="Outcome">What became of it.</param>
/// <param name="Seq">The <c>seq</c> of the frame it stored, when <see cref="OperatorOutcome.Done"/>.</param>
/// <param name="HeldBy">The operator who holds the conversation now, if any.</param>
[GenerateSerializer, Immutable, Alias("conversations.operator-result.v1")]
public sealed record OperatorResult(
    [property: Id(0)] OperatorOutcome Outcome,
    [property: Id(1)] long? Seq = null,
    [property: Id(2)] OperatorIdentity? HeldBy = null);
