namespace Conversations.Grains.Interfaces.Model;

/// <summary>One article found by a knowledge base search.</summary>
/// <param name="ArticleId">The article's stable id (<c>kb-051</c>), as replies cite it in <c>metadata.article_id</c>.</param>
/// <param name="Title">The title.</param>
/// <param name="Category">What it is about (<c>troubleshooting</c>, <c>billing</c>...).</param>
/// <param name="Agent">Who answers with it: <c>tech_support</c>, <c>billing</c>, <c>general</c> or <c>sales</c>.</param>
/// <param name="Answer">The answer in at most 200 characters.</param>
/// <param name="Confidence">How sure the search is that the article answers the query, from 0 to 1.</param>
/// <param name="Semantic">The similarity of meaning, from the embeddings.</param>
/// <param name="Keyword">The full-text score of the query's words, from 0 to 1.</param>
[GenerateSerializer, Immutable, Alias("conversations.knowledge-result.v1")]
public sealed record KnowledgeResult(
    [property: Id(0)] string ArticleId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Category,
    [property: Id(3)] string Agent,
    [property: Id(4)] string Answer,
    [property: Id(5)] double Confidence,
    [property: Id(6)] double Semantic,
    [property: Id(7)] double Keyword);
