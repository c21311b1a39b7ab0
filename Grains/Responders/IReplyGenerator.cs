namespace Conversations.Grains.Responders;

/// <summary>Writes the reply to a turn, piece by piece, as it is generated.</summary>
public interface IReplyGenerator
{
    /// <summary>The name reported in <c>assistant_message.metadata.responder</c>.</summary>
    string Name { get; }

    /// <summary>Streams the reply's pieces in order; their concatenation is the reply.</summary>
    IAsyncEnumerable<string> GenerateAsync(ReplyContext context, CancellationToken cancellationToken);
}
