namespace Conversations.Grains.Knowledge;

/// <summary>The articles replies are grounded in, searched by meaning and by exact words.</summary>
public interface IKnowledgeBase
{
    /// <summary>
    /// The best <paramref name="limit"/> articles for <paramref name="query"/>, best first, each with a confidence;
    /// only articles for <paramref name="agent"/> (or for everyone) when it is given.
    /// </summary>
    ValueTask<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, string? agent, int limit, CancellationToken cancellationToken);

    /// <summary>Records whether an article helped; helpful articles rank a little higher.</summary>
    ValueTask RecordFeedbackAsync(string articleId, bool helpful, CancellationToken cancellationToken);
}
