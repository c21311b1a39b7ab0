using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Users;

/// <summary>What a user's profile keeps in grain storage.</summary>
[GenerateSerializer, Alias("conversations.user-profile-state.v1")]
public sealed class UserProfileState
{
    /// <summary>The facts learned so far.</summary>
    [Id(0)] public UserFacts Facts { get; set; } = new(null, null, null, null);

    /// <summary>The conversation that last changed a fact.</summary>
    [Id(1)] public string? LearnedFrom { get; set; }

    /// <summary>When a fact last changed.</summary>
    [Id(2)] public DateTimeOffset? UpdatedAt { get; set; }
}
