namespace Conversations.Grains.Responders;

/// <summary>Writes the reply to a turn, piece by piece, as it is generated.</summary>
public interface IReplyGenerator
{
    /// <summary>The name reported in <c>assistant_message.metadata.responder</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Streams the reply's pieces in order, with the model's usage and any switch to a fallback; the reply
    /// is the concatenation of the <see cref="ReplyText"/> pieces after the last <see cref="ReplyFallback"/>.
    /// </summary>
    IAsyncEnumerable<ReplyEvent> GenerateAsync(ReplyContext context, CancellationToken cancellationToken);
}
