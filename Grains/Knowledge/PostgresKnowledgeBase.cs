using Conversations.Grains.Intelligence.Embeddings;
using Conversations.Grains.Interfaces.Model;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Grains.Knowledge;

/// <summary>
/// The knowledge base in PostgreSQL's <c>knowledge_articles</c> table (deploy/sql/008): meaning from the stored
/// embeddings, compared with the query's in the query itself, exact words from full-text search
/// (<c>ts_rank_cd</c> over the <c>tsvector</c>, any of the query's words), and helpfulness from the stored
/// counts, put together by <see cref="KnowledgeScoring"/>. The shipped articles are loaded on first use when the
/// stored version is older.
/// </summary>
public sealed class PostgresKnowledgeBase(NpgsqlDataSource dataSource) : IKnowledgeBase, IDisposable
{
    // Any of the query's words: plainto_tsquery joins them with AND, which would need every word.
    private const string Search = """
        WITH q AS (SELECT NULLIF(replace(plainto_tsquery('english', @query)::text, '&', '|'), '')::tsquery AS words)
        SELECT id, title, category, agent, answer, body, fixes, keywords, helpful, unhelpful,
               COALESCE((SELECT sum(a::float8 * b::float8) FROM unnest(embedding, @embedding::real[]) AS t(a, b)), 0) AS semantic,
               COALESCE(ts_rank_cd(search, q.words, 32), 0) AS keyword
        FROM knowledge_articles, q
        WHERE @agent::text IS NULL OR agent = @agent OR agent = 'general'
        """;

    private const string Upsert = """
        INSERT INTO knowledge_articles (id, version, title, category, agent, answer, body, fixes, keywords, embedding, search)
        VALUES (@id, @version, @title, @category, @agent, @answer, @body, @fixes, @keywords, @embedding,
                setweight(to_tsvector('english', @title || ' ' || array_to_string(@keywords, ' ')), 'A')
                || setweight(to_tsvector('english', @answer), 'B')
                || setweight(to_tsvector('english', @body), 'C'))
        ON CONFLICT (id) DO UPDATE SET version = excluded.version, title = excluded.title, category = excluded.category,
            agent = excluded.agent, answer = excluded.answer, body = excluded.body, fixes = excluded.fixes,
            keywords = excluded.keywords, embedding = excluded.embedding, search = excluded.search, updated_at = now()
        WHERE knowledge_articles.version < excluded.version OR knowledge_articles.embedding IS NULL
        """;

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, string? agent, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureLoadedAsync(cancellationToken);
        await using var command = dataSource.CreateCommand(Search);
        command.Parameters.AddWithValue("query", query);
        command.Parameters.Add(new NpgsqlParameter("embedding", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = (object?)EmbeddingModel.Shared.Embedder?.Embed(query) ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("agent", NpgsqlDbType.Text) { Value = (object?)agent ?? DBNull.Value });
        var hits = new List<(KnowledgeHit Hit, double Score)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var article = new KnowledgeArticle(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<string[]>(6) is { Length: > 0 } fixes ? fixes : null,
                reader.GetFieldValue<string[]>(7));
            var semantic = Convert.ToDouble(reader.GetValue(10), System.Globalization.CultureInfo.InvariantCulture);
            var keyword = Convert.ToDouble(reader.GetValue(11), System.Globalization.CultureInfo.InvariantCulture);
            var score = KnowledgeScoring.Score(semantic, keyword, reader.GetInt32(8), reader.GetInt32(9));
            hits.Add((new KnowledgeHit(article, KnowledgeScoring.Confidence(score), Math.Round(semantic, 3), Math.Round(keyword, 3)), score));
        }

        return hits.OrderByDescending(h => h.Score).Take(limit).Select(h => h.Hit).ToArray();
    }

    /// <inheritdoc />
    public async ValueTask<ArticleFeedback?> RecordFeedbackAsync(string articleId, bool helpful, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        await using var command = dataSource.CreateCommand(helpful
            ? "UPDATE knowledge_articles SET helpful = helpful + 1 WHERE id = @id RETURNING helpful, unhelpful"
            : "UPDATE knowledge_articles SET unhelpful = unhelpful + 1 WHERE id = @id RETURNING helpful, unhelpful");
        command.Parameters.AddWithValue("id", articleId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ArticleFeedback(articleId, reader.GetInt32(0), reader.GetInt32(1)) : null;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<KnowledgeEntry>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("SELECT id, title, category, agent, helpful, unhelpful FROM knowledge_articles ORDER BY id COLLATE \"C\"");
        var entries = new List<KnowledgeEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new KnowledgeEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5)));
        }

        return entries;
    }

    /// <summary>Stores the shipped articles whose stored version is older (or missing); returns how many were written.</summary>
    public async Task<int> LoadShippedAsync(CancellationToken cancellationToken)
    {
        var file = KnowledgeSource.Shipped;
        var embeddings = KnowledgeSource.Embeddings;
        await using var batch = dataSource.CreateBatch();
        foreach (var article in file.Articles)
        {
            var command = new NpgsqlBatchCommand(Upsert);
            command.Parameters.AddWithValue("id", article.Id);
            command.Parameters.AddWithValue("version", file.Version);
            command.Parameters.AddWithValue("title", article.Title);
            command.Parameters.AddWithValue("category", article.Category);
            command.Parameters.AddWithValue("agent", article.Agent);
            command.Parameters.AddWithValue("answer", article.Answer);
            command.Parameters.AddWithValue("body", article.Body);
            command.Parameters.AddWithValue("fixes", (article.Fixes ?? []).ToArray());
            command.Parameters.AddWithValue("keywords", (article.Keywords ?? []).ToArray());
            command.Parameters.Add(new NpgsqlParameter("embedding", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = (object?)embeddings?.GetValueOrDefault(article.Id) ?? DBNull.Value });
            batch.BatchCommands.Add(command);
        }

        return await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _loading.Dispose();

    private async ValueTask EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (!_loaded)
            {
                await LoadShippedAsync(cancellationToken);
                _loaded = true;
            }
        }
        finally
        {
            _loading.Release();
        }
    }
}
