namespace Conversations.Grains.Conversation;

/// <summary>Names of the conversation grain's storage.</summary>
public static class ConversationStorage
{
    /// <summary>The grain storage provider that holds checkpoints.</summary>
    public const string ProviderName = "conversations";

    /// <summary>The name of the checkpoint state within a conversation grain.</summary>
    public const string StateName = "checkpoint";
}
