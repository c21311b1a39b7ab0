using Conversations.Grains.Knowledge;
using Conversations.Grains.Persistence;
using Conversations.IntentEval;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Conversations.Durability.Tests;

[Collection(PostgresCollection.Name)]
public sealed class KnowledgeStoreTests(PostgresFixture postgres)
{
    [Fact]
    public async Task TheShippedArticlesAreStoredOnceAndFoundByMeaningAndWordsInPostgres()
    {
        await using var dataSource = await MigratedAsync();
        using var knowledge = new PostgresKnowledgeBase(dataSource);
        var queries = KnowledgeCommand.Load(KnowledgeCommand.QueriesPath);
        var (_, top3, misses) = await KnowledgeCommand.EvaluateAsync(knowledge, queries);

        Assert.True(top3 >= 0.90, $"top-3 {top3:P1}\n{string.Join('\n', misses)}");
        Assert.Equal(KnowledgeSource.Shipped.Articles.Count, await CountAsync(dataSource, "SELECT count(*) FROM knowledge_articles WHERE embedding IS NOT NULL AND search <> ''::tsvector"));
        Assert.Equal(0, await knowledge.LoadShippedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task FullTextSearchFindsAnArticleByAnExactWordAlone()
    {
        await using var dataSource = await MigratedAsync();
        using var knowledge = new PostgresKnowledgeBase(dataSource);
        var hits = await knowledge.SearchAsync("woocommerce", null, 3, CancellationToken.None);
        Assert.Equal("kb-045", hits[0].Article.Id);
        Assert.True(hits[0].Keyword > 0, $"keyword score {hits[0].Keyword}");
    }

    [Fact]
    public async Task FeedbackIsStoredAndSurvivesAReload()
    {
        await using var dataSource = await MigratedAsync();
        using (var knowledge = new PostgresKnowledgeBase(dataSource))
        {
            await knowledge.SearchAsync("invoice", null, 1, CancellationToken.None);
            await knowledge.RecordFeedbackAsync("kb-100", helpful: true, CancellationToken.None);
            await knowledge.RecordFeedbackAsync("kb-100", helpful: false, CancellationToken.None);
            await knowledge.RecordFeedbackAsync("kb-100", helpful: true, CancellationToken.None);
        }

        using var reloaded = new PostgresKnowledgeBase(dataSource);
        await reloaded.SearchAsync("invoice", null, 1, CancellationToken.None);
        Assert.Equal(2, await CountAsync(dataSource, "SELECT helpful FROM knowledge_articles WHERE id = 'kb-100'"));
        Assert.Equal(1, await CountAsync(dataSource, "SELECT unhelpful FROM knowledge_articles WHERE id = 'kb-100'"));
    }

    private async Task<NpgsqlDataSource> MigratedAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.NewDatabaseAsync());
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return dataSource;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
