using System.Collections.Concurrent;
using Conversations.Grains.Intelligence.Embeddings;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Knowledge;

/// <summary>
/// The knowledge base of the embedded default: the shipped articles in memory, searched by embedding similarity
/// and BM25, with helpfulness counted in memory (lost on restart, like everything in this mode).
/// </summary>
public sealed class InMemoryKnowledgeBase : IKnowledgeBase
{
    private readonly IReadOnlyList<KnowledgeArticle> _articles;
    private readonly IReadOnlyDictionary<string, float[]>? _embeddings;
    private readonly SentenceEmbedder? _embedder;
    private readonly KeywordIndex _keywords;
    private readonly HashSet<string> _ids;
    private readonly ConcurrentDictionary<string, (int Helpful, int Unhelpful)> _feedback = new(StringComparer.Ordinal);

    /// <summary>The shipped articles over the process's shared embedding model (words only when it is not loaded).</summary>
    public InMemoryKnowledgeBase()
        : this(KnowledgeSource.Shipped.Articles, EmbeddingModel.Shared.Embedder, KnowledgeSource.Embeddings)
    {
    }

    /// <summary>The given articles, their embeddings by id, and the model that embeds queries.</summary>
    public InMemoryKnowledgeBase(IReadOnlyList<KnowledgeArticle> articles, SentenceEmbedder? embedder, IReadOnlyDictionary<string, float[]>? embeddings)
    {
        ArgumentNullException.ThrowIfNull(articles);
        _articles = articles;
        _embedder = embeddings is null ? null : embedder;
        _embeddings = embeddings;
        _keywords = new KeywordIndex(articles.Select(a => a.SearchText).ToArray());
        _ids = articles.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, string? agent, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keyword = _keywords.Score(query);
        var vector = _embedder?.Embed(query);
        var hits = new List<(KnowledgeHit Hit, double Score)>();
        for (var i = 0; i < _articles.Count; i++)
        {
            var article = _articles[i];
            if (agent is not null && article.Agent != agent && article.Agent != KnowledgeAgents.General)
            {
                continue;
            }

            var semantic = vector is null ? 0 : SentenceEmbedder.Similarity(vector, _embeddings![article.Id]);
            var (helpful, unhelpful) = _feedback.GetValueOrDefault(article.Id);
            var score = KnowledgeScoring.Score(semantic, keyword[i], helpful, unhelpful);
            hits.Add((new KnowledgeHit(article, KnowledgeScoring.Confidence(score), Math.Round(semantic, 3), Math.Round(keyword[i], 3)), score));
        }

        IReadOnlyList<KnowledgeHit> best = hits.OrderByDescending(h => h.Score).Take(limit).Select(h => h.Hit).ToArray();
        return ValueTask.FromResult(best);
    }

    /// <inheritdoc />
    public ValueTask<ArticleFeedback?> RecordFeedbackAsync(string articleId, bool helpful, CancellationToken cancellationToken)
    {
        if (!_ids.Contains(articleId))
        {
            return ValueTask.FromResult<ArticleFeedback?>(null);
        }

        var (helpfulCount, unhelpfulCount) = _feedback.AddOrUpdate(
            articleId,
            helpful ? (1, 0) : (0, 1),
            (_, counts) => helpful ? (counts.Helpful + 1, counts.Unhelpful) : (counts.Helpful, counts.Unhelpful + 1));
        return ValueTask.FromResult<ArticleFeedback?>(new ArticleFeedback(articleId, helpfulCount, unhelpfulCount));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<KnowledgeEntry>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<KnowledgeEntry> entries = _articles
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .Select(a =>
            {
                var (helpful, unhelpful) = _feedback.GetValueOrDefault(a.Id);
                return new KnowledgeEntry(a.Id, a.Title, a.Category, a.Agent, helpful, unhelpful);
            })
            .ToArray();
        return ValueTask.FromResult(entries);
    }
}
