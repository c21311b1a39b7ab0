namespace Conversations.Grains.Interfaces.Model;

/// <summary>The answer to <see cref="IConversationGrain.CancelAsync"/>.</summary>
/// <param name="Cancelled">Whether a running reply was stopped.</param>
/// <param name="Turn">The turn that was stopped, if any.</param>
[GenerateSerializer, Immutable, Alias("conversations.cancel-result.v1")]
public sealed record CancelResult(
    [property: Id(0)] bool Cancelled,
    [property: Id(1)] int? Turn);
