using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Knowledge;

/// <summary>The articles replies are grounded in, searched by meaning and by exact words.</summary>
public interface IKnowledgeBase
{
    /// <summary>
    /// The best <paramref name="limit"/> articles for <paramref name="query"/>, best first, each with a confidence;
    /// only articles for <paramref name="agent"/> (or for everyone) when it is given.
    /// </summary>
    ValueTask<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, string? agent, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records whether an article helped (helpful articles rank a little higher) and returns its counts after it;
    /// <see langword="null"/>, and nothing recorded, when there is no such article.
    /// </summary>
    ValueTask<ArticleFeedback?> RecordFeedbackAsync(string articleId, bool helpful, CancellationToken cancellationToken);

    /// <summary>Every article, ordered by id, with its helpfulness counts.</summary>
    ValueTask<IReadOnlyList<KnowledgeEntry>> ListAsync(CancellationToken cancellationToken);
}
