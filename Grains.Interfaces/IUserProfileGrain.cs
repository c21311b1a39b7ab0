using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Interfaces;

/// <summary>
/// What is known of one user across their conversations: name, team size, need, budget. The grain key is the
/// user id. A conversation with an owner tells it what it learned after each turn that learned something.
/// </summary>
public interface IUserProfileGrain : IGrainWithStringKey
{
    /// <summary>
    /// Keeps the facts <paramref name="conversationId"/> learned: each one given replaces the profile's; one
    /// not given (null) leaves the profile's as it is.
    /// </summary>
    Task LearnAsync(string conversationId, UserFacts facts);

    /// <summary>Returns the profile; a user nothing is known of has an empty one.</summary>
    Task<UserProfile> GetAsync();
}
