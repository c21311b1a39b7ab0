using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Interfaces;

/// <summary>
/// The list of one user's conversations, newest first. The grain key is the user id. The conversation grain
/// keeps it up to date: it adds itself when it gets its owner and removes itself when retention deletes it.
/// </summary>
public interface IUserConversationsGrain : IGrainWithStringKey
{
    /// <summary>Adds a conversation; adding one already listed changes nothing.</summary>
    Task AddAsync(ConversationListing conversation);

    /// <summary>
    /// Adds a conversation unless the user already has <paramref name="limit"/> of them; one already listed is
    /// accepted as it is. This is how a user's number of conversations is capped: the gateway takes the place
    /// here before it lets the conversation be claimed.
    /// </summary>
    /// <returns>Whether the conversation is listed now.</returns>
    Task<bool> TryAddAsync(ConversationListing conversation, int limit);

    /// <summary>Removes a conversation; removing one not listed changes nothing.</summary>
    Task RemoveAsync(string conversationId);

    /// <summary>Returns one page of the list, newest first.</summary>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">Conversations per page, 1 or more.</param>
    Task<ConversationPage> GetPageAsync(int page, int pageSize);
}
