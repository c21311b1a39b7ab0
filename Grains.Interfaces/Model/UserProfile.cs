namespace Conversations.Grains.Interfaces.Model;

/// <summary>A user as their conversations have come to know them: the latest value of each fact.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Facts">The name and slots learned; each is the newest value any conversation learned.</param>
/// <param name="LearnedFrom">The conversation that last taught the profile something, once one has.</param>
/// <param name="UpdatedAt">When the profile last changed, once it has.</param>
[GenerateSerializer, Immutable, Alias("conversations.user-profile.v1")]
public sealed record UserProfile(
    [property: Id(0)] string UserId,
    [property: Id(1)] UserFacts Facts,
    [property: Id(2)] string? LearnedFrom,
    [property: Id(3)] DateTimeOffset? UpdatedAt);
