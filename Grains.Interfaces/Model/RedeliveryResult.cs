namespace Conversations.Grains.Interfaces.Model;

/// <summary>What asking to redeliver a dead letter did, and the dead letter it was about, if it exists.</summary>
/// <param name="Outcome">What was done.</param>
/// <param name="Letter">The dead letter (as it was before it was deleted), or <see langword="null"/> when not found.</param>
[GenerateSerializer, Immutable, Alias("conversations.redelivery-result.v1")]
public sealed record RedeliveryResult(
    [property: Id(0)] RedeliveryOutcome Outcome,
    [property: Id(1)] WebhookDeadLetter? Letter);
