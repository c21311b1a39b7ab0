namespace Conversations.Grains.Interfaces.Model;

/// <summary>One reason a conversation may need a person, and how much it adds to the escalation likelihood.</summary>
/// <param name="Name">The factor, snake_case (for example <c>failed_attempts</c>).</param>
/// <param name="Weight">What it adds to the likelihood, from 0 to 1.</param>
[GenerateSerializer, Immutable, Alias("conversations.escalation-factor.v1")]
public sealed record EscalationFactor(
    [property: Id(0)] string Name,
    [property: Id(1)] double Weight);
