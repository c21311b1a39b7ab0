using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Interfaces;

/// <summary>
/// The knowledge base replies are grounded in, for callers outside the silo (the gateway). A stateless worker
/// over the silo's knowledge base: in PostgreSQL every silo reads the same table; in memory each silo counts
/// helpfulness on its own. Use key 0.
/// </summary>
public interface IKnowledgeGrain : IGrainWithIntegerKey
{
    /// <summary>The best <paramref name="limit"/> articles for <paramref name="query"/>, best first; only those for <paramref name="agent"/> (or everyone) when given.</summary>
    Task<IReadOnlyList<KnowledgeResult>> SearchAsync(string query, string? agent, int limit);

    /// <summary>Every article, ordered by id, with its helpfulness counts.</summary>
    Task<IReadOnlyList<KnowledgeEntry>> ListAsync();

    /// <summary>Counts one reader's word on whether an article helped; <see langword="null"/> when there is no such article.</summary>
    Task<ArticleFeedback?> RecordFeedbackAsync(string articleId, bool helpful);
}
