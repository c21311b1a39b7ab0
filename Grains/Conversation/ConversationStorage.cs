namespace Conversations.Grains.Conversation;

/// <summary>Names of the grain storage that conversations use besides their log.</summary>
public static class ConversationStorage
{
    /// <summary>The grain storage provider that holds users' conversation lists (and, before schema 007, checkpoints).</summary>
    public const string ProviderName = "conversations";
}
