namespace Conversations.Grains.Interfaces.Model;

/// <summary>A user's rating of one answered turn.</summary>
/// <param name="Turn">The turn rated, from 1.</param>
/// <param name="Rating">From 1 (bad) to 5 (good).</param>
/// <param name="Comment">What the user said about it, if anything.</param>
/// <param name="At">When the rating was given.</param>
[GenerateSerializer, Immutable, Alias("conversations.turn-feedback.v1")]
public sealed record TurnFeedback(
    [property: Id(0)] int Turn,
    [property: Id(1)] int Rating,
    [property: Id(2)] string? Comment,
    [property: Id(3)] DateTimeOffset At);
