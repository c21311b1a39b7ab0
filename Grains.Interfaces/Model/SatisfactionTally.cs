namespace Conversations.Grains.Interfaces.Model;

/// <summary>Every turn rating currently given, counted by value.</summary>
/// <param name="Counts">How many turns are rated 1, 2, 3, 4 and 5 (five entries, in that order).</param>
/// <param name="Comments">How many of those ratings carry a comment.</param>
/// <param name="LastRatedAt">When a turn was last rated, if ever.</param>
[GenerateSerializer, Immutable, Alias("conversations.satisfaction-tally.v1")]
public sealed record SatisfactionTally(
    [property: Id(0)] IReadOnlyList<int> Counts,
    [property: Id(1)] int Comments,
    [property: Id(2)] DateTimeOffset? LastRatedAt);
