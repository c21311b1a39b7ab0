namespace Conversations.Grains.Satisfaction;

/// <summary>What the satisfaction tally keeps in grain storage.</summary>
[GenerateSerializer, Alias("conversations.satisfaction-counts.v1")]
public sealed class SatisfactionCounts
{
    /// <summary>Turns rated 1 to 5, at indexes 0 to 4.</summary>
    [Id(0)] public int[] Counts { get; set; } = new int[5];

    /// <summary>Ratings with a comment.</summary>
    [Id(1)] public int Comments { get; set; }

    /// <summary>When a turn was last rated.</summary>
    [Id(2)] public DateTimeOffset? LastRatedAt { get; set; }
}
