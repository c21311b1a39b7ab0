using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Streaming;

/// <summary>
/// The one seam between a connection and the transport that carries a conversation's frames from its grain.
/// </summary>
public interface IConversationFeed
{
    /// <summary>
    /// Starts delivering the conversation's new frames to <paramref name="onFrames"/>; disposing the result
    /// stops it.
    /// </summary>
    Task<IAsyncDisposable> SubscribeAsync(string conversationId, Func<FrameBatch, Task> onFrames, CancellationToken cancellationToken);
}
