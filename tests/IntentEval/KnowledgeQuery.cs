namespace Conversations.IntentEval;

/// <summary>A labelled search: a user's words and the article that answers them.</summary>
/// <param name="Query">What the user writes.</param>
/// <param name="ArticleId">The article that answers it.</param>
public sealed record KnowledgeQuery(string Query, string ArticleId);
