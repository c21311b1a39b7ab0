using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Orleans.Concurrency;

namespace Conversations.Grains.Knowledge;

/// <summary>The silo's knowledge base for the gateway: a stateless worker, so searches run where they are asked for.</summary>
[StatelessWorker]
public sealed class KnowledgeGrain(IKnowledgeBase knowledge) : Grain, IKnowledgeGrain
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<KnowledgeResult>> SearchAsync(string query, string? agent, int limit)
    {
        var hits = await knowledge.SearchAsync(query, agent, limit, CancellationToken.None);
        return hits
            .Select(h => new KnowledgeResult(h.Article.Id, h.Article.Title, h.Article.Category, h.Article.Agent, h.Article.Answer, h.Confidence, h.Semantic, h.Keyword))
            .ToArray();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<KnowledgeEntry>> ListAsync() => await knowledge.ListAsync(CancellationToken.None);

    /// <inheritdoc />
    public async Task<ArticleFeedback?> RecordFeedbackAsync(string articleId, bool helpful) =>
        await knowledge.RecordFeedbackAsync(articleId, helpful, CancellationToken.None);
}
