using System.Threading.Channels;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Orleans.Streams;

namespace Conversations.Grains.Tests.Cluster;

/// <summary>Subscribes to a conversation's stream and hands its frames to a test in order.</summary>
public sealed class FrameCollector : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private readonly Channel<ParsedFrame> _frames = Channel.CreateUnbounded<ParsedFrame>();
    private StreamSubscriptionHandle<FrameBatch>? _handle;

    public static async Task<FrameCollector> SubscribeAsync(IClusterClient client, string conversationId)
    {
        var collector = new FrameCollector();
        var stream = client.GetStreamProvider(ConversationStreams.ProviderName)
            .GetStream<FrameBatch>(StreamId.Create(ConversationStreams.Namespace, conversationId));
        collector._handle = await stream.SubscribeAsync((batch, _) =>
        {
            foreach (var frame in batch.Frames)
            {
                collector._frames.Writer.TryWrite(ParsedFrame.From(frame));
            }

            return Task.CompletedTask;
        });
        return collector;
    }

    /// <summary>Frames up to and including the first that matches <paramref name="stop"/>.</summary>
    public async Task<List<ParsedFrame>> UntilAsync(Func<ParsedFrame, bool> stop, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var frames = new List<ParsedFrame>();
        while (true)
        {
            var frame = await _frames.Reader.ReadAsync(cancellation.Token);
            frames.Add(frame);
            if (stop(frame))
            {
                return frames;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.UnsubscribeAsync();
        }
    }
}
