namespace Conversations.Grains.Interfaces;

/// <summary>
/// Names shared by the conversation grain, which publishes frames, and the gateway, which subscribes.
/// </summary>
public static class ConversationStreams
{
    /// <summary>The Orleans stream provider that carries conversation frames.</summary>
    public const string ProviderName = "conversation-frames";

    /// <summary>The stream namespace; the stream key is the conversation id.</summary>
    public const string Namespace = "conversation";

    /// <summary>The grain storage used by the stream provider's pub-sub.</summary>
    public const string PubSubStorageName = "PubSubStore";
}
