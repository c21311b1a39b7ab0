namespace Conversations.Grains.Knowledge;

/// <summary>One search result.</summary>
/// <param name="Article">The article.</param>
/// <param name="Confidence">How sure the search is that the article answers the query, from 0 to 1.</param>
/// <param name="Semantic">The cosine similarity of the query's and the article's embeddings.</param>
/// <param name="Keyword">The full-text score of the query's words in the article, from 0 to 1.</param>
public sealed record KnowledgeHit(KnowledgeArticle Article, double Confidence, double Semantic, double Keyword);
