using Conversations.Grains.Conversation;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Users;

/// <summary>One user's conversations, kept oldest first in storage and served newest first.</summary>
public sealed class UserConversationsGrain(
    [PersistentState(UserConversationsGrain.StateName, ConversationStorage.ProviderName)]
    IPersistentState<UserConversations> list) : Grain, IUserConversationsGrain
{
    /// <summary>The name of the list within the grain's storage.</summary>
    public const string StateName = "conversations";

    /// <inheritdoc />
    public Task AddAsync(ConversationListing conversation) => TryAddAsync(conversation, int.MaxValue);

    /// <inheritdoc />
    public async Task<bool> TryAddAsync(ConversationListing conversation, int limit)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var items = list.State.Conversations;
        if (items.Exists(c => c.ConversationId == conversation.ConversationId))
        {
            return true;
        }

        // The list is written whole on every change, so the cap also bounds what one write costs.
        if (items.Count >= limit)
        {
            return false;
        }

        // Conversations are nearly always created in time order; keep the list sorted when one is not.
        var at = items.FindLastIndex(c => c.CreatedAt <= conversation.CreatedAt) + 1;
        items.Insert(at, conversation);
        await list.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string conversationId)
    {
        if (list.State.Conversations.RemoveAll(c => c.ConversationId == conversationId) > 0)
        {
            await list.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<ConversationPage> GetPageAsync(int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var items = list.State.Conversations;
        var skip = (long)(page - 1) * pageSize;
        var first = items.Count - 1 - skip;
        var result = new List<ConversationListing>();
        for (var i = first; i >= 0 && result.Count < pageSize; i--)
        {
            result.Add(items[(int)i]);
        }

        return Task.FromResult(new ConversationPage(items.Count, result));
    }
}
