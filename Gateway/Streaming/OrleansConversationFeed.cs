using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Orleans.Streams;

namespace Conversations.Gateway.Streaming;

/// <summary>Conversation frames over the conversation's Orleans stream.</summary>
public sealed partial class OrleansConversationFeed(IClusterClient client, ILogger<OrleansConversationFeed> logger) : IConversationFeed
{
    /// <inheritdoc />
    public async Task<IAsyncDisposable> SubscribeAsync(string conversationId, Func<FrameBatch, Task> onFrames, CancellationToken cancellationToken)
    {
        var stream = client.GetStreamProvider(ConversationStreams.ProviderName)
            .GetStream<FrameBatch>(StreamId.Create(ConversationStreams.Namespace, conversationId));
        var handle = await stream.SubscribeAsync((batch, _) => onFrames(batch)).WaitAsync(cancellationToken);
        return new Subscription(this, conversationId, handle);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Could not unsubscribe from conversation {ConversationId}; the subscription will expire")]
    private partial void LogUnsubscribeFailed(Exception exception, string conversationId);

    private sealed class Subscription(OrleansConversationFeed feed, string conversationId, StreamSubscriptionHandle<FrameBatch> handle) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await handle.UnsubscribeAsync();
            }
            catch (Exception exception)
            {
                feed.LogUnsubscribeFailed(exception, conversationId);
            }
        }
    }
}
