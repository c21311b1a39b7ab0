using Conversations.Grains.Knowledge;
using Conversations.IntentEval;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class KnowledgeBaseTests
{
    [Fact]
    public void TheShippedFileHasAtLeastSixtyArticlesEachForAKnownAgentWithAShortAnswer()
    {
        var file = KnowledgeSource.Shipped;
        Assert.True(file.Articles.Count >= 60, $"{file.Articles.Count} articles");
        Assert.All(file.Articles, a =>
        {
            Assert.Contains(a.Agent, new[] { KnowledgeAgents.TechSupport, KnowledgeAgents.Billing, KnowledgeAgents.General, KnowledgeAgents.Sales });
            Assert.InRange(a.Answer.Length, 20, 200);
            Assert.False(string.IsNullOrWhiteSpace(a.Category));
        });
    }

    [Fact]
    public async Task TheAnsweringArticleIsInTheFirstThreeResultsForAtLeastNinetyPercentOfLabelledQueries()
    {
        var queries = KnowledgeCommand.Load(KnowledgeCommand.QueriesPath);
        Assert.True(queries.Count >= 50, $"{queries.Count} queries");
        var (_, top3, misses) = await KnowledgeCommand.EvaluateAsync(new InMemoryKnowledgeBase(), queries);
        Assert.True(top3 >= 0.90, $"top-3 {top3:P1}\n{string.Join('\n', misses)}");
    }

    [Fact]
    public async Task EveryResultCarriesAConfidenceAndTheBestComesFirst()
    {
        var hits = await new InMemoryKnowledgeBase().SearchAsync("my whatsapp number says already in use", null, 3, CancellationToken.None);
        Assert.Equal("kb-053", hits[0].Article.Id);
        Assert.All(hits, h => Assert.InRange(h.Confidence, 0, 1));
        Assert.True(hits[0].Confidence >= hits[^1].Confidence);
    }

    [Fact]
    public async Task AnArticleThatKeepsHelpingRanksAboveAnEqualOneThatDoesNot()
    {
        var knowledge = new InMemoryKnowledgeBase();
        var before = await knowledge.SearchAsync("notifications", null, 2, CancellationToken.None);
        var second = before[1].Article.Id;
        for (var i = 0; i < 20; i++)
        {
            await knowledge.RecordFeedbackAsync(second, helpful: true, CancellationToken.None);
            await knowledge.RecordFeedbackAsync(before[0].Article.Id, helpful: false, CancellationToken.None);
        }

        var after = await knowledge.SearchAsync("notifications", null, 2, CancellationToken.None);
        Assert.True(after[0].Article.Id == second || after[0].Confidence < before[0].Confidence, $"{before[0].Article.Id} {before[0].Confidence} / {second}: {after[0].Article.Id} {after[0].Confidence}");
    }

    [Fact]
    public async Task AnAgentFilterKeepsOnlyThatAgentsArticlesAndGeneralOnes()
    {
        var hits = await new InMemoryKnowledgeBase().SearchAsync("invoice", KnowledgeAgents.Billing, 5, CancellationToken.None);
        Assert.All(hits, h => Assert.Contains(h.Article.Agent, new[] { KnowledgeAgents.Billing, KnowledgeAgents.General }));
    }
}
