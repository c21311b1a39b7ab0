using Conversations.Grains.Conversation;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Users;

/// <summary>One user's profile: the newest name, team size, need and budget any of their conversations learned.</summary>
public sealed class UserProfileGrain(
    [PersistentState(UserProfileGrain.StateName, ConversationStorage.ProviderName)]
    IPersistentState<UserProfileState> profile,
    TimeProvider time) : Grain, IUserProfileGrain
{
    /// <summary>The name of the profile within the grain's storage.</summary>
    public const string StateName = "profile";

    /// <inheritdoc />
    public async Task LearnAsync(string conversationId, UserFacts facts)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(facts);
        var known = profile.State.Facts;
        var merged = new UserFacts(facts.Name ?? known.Name, facts.TeamSize ?? known.TeamSize, facts.Need ?? known.Need, facts.Budget ?? known.Budget);
        if (merged == known)
        {
            return;
        }

        profile.State.Facts = merged;
        profile.State.LearnedFrom = conversationId;
        profile.State.UpdatedAt = time.GetUtcNow();
        await profile.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<UserProfile> GetAsync() => Task.FromResult(
        new UserProfile(this.GetPrimaryKeyString(), profile.State.Facts, profile.State.LearnedFrom, profile.State.UpdatedAt));
}
