namespace Conversations.Grains.Interfaces.Model;

/// <summary>What a conversation has learned about its user; <see langword="null"/> where it learned nothing.</summary>
/// <param name="Name">The name the user gave.</param>
/// <param name="TeamSize">How many people their team has.</param>
/// <param name="Need">What they need the product for.</param>
/// <param name="Budget">The budget they named.</param>
[GenerateSerializer, Immutable, Alias("conversations.user-facts.v1")]
public sealed record UserFacts(
    [property: Id(0)] string? Name,
    [property: Id(1)] int? TeamSize,
    [property: Id(2)] string? Need,
    [property: Id(3)] string? Budget)
{
    /// <summary>Whether nothing is known.</summary>
    public bool IsEmpty => Name is null && TeamSize is null && Need is null && Budget is null;
}
