using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Users;

/// <summary>What a user's list of conversations keeps in grain storage.</summary>
[GenerateSerializer, Alias("conversations.user-conversations.v1")]
public sealed class UserConversations
{
    /// <summary>The user's conversations, oldest first.</summary>
    [Id(0)] public List<ConversationListing> Conversations { get; set; } = [];
}
