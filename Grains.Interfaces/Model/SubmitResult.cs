namespace Conversations.Grains.Interfaces.Model;

/// <summary>The answer to <see cref="IConversationGrain.SubmitAsync"/>.</summary>
/// <param name="Outcome">Whether the message made a new turn.</param>
/// <param name="Ack">The ack frame of the turn (new or original); <see langword="null"/> when refused.</param>
[GenerateSerializer, Immutable, Alias("conversations.submit-result.v1")]
public sealed record SubmitResult(
    [property: Id(0)] SubmitOutcome Outcome,
    [property: Id(1)] LogFrame? Ack);
