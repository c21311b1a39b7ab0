using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Responders;

/// <summary>Streams the <see cref="OfflineResponder"/>'s reply in pieces, paced like a model's tokens.</summary>
public sealed class OfflineReplyGenerator(
    OfflineResponder responder,
    IOptions<OfflineResponderOptions> options,
    TimeProvider timeProvider) : IReplyGenerator
{
    /// <summary>The responder name reported in replies.</summary>
    public const string ResponderName = "offline";

    /// <inheritdoc />
    public string Name => ResponderName;

    /// <inheritdoc />
    public async IAsyncEnumerable<ReplyEvent> GenerateAsync(
        ReplyContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var reply = await responder.WriteAsync(context, cancellationToken);
        if (reply.ArticleId is { } article)
        {
            yield return new ReplyCitation(article);
        }

        var chunks = OfflineResponder.Chunk(reply.Text, settings.WordsPerChunk);
        for (var i = 0; i < chunks.Count; i++)
        {
            if (i > 0 && settings.ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(settings.ChunkDelay, timeProvider, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return new ReplyText(chunks[i]);
        }
    }
}
