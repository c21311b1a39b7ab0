namespace Conversations.Grains.Knowledge;

/// <summary>The knowledge base as shipped (<c>Grains/Knowledge/knowledge-base.v1.json</c>).</summary>
/// <param name="Version">The content version; storage reloads articles when it grows.</param>
/// <param name="Product">The product the articles are about.</param>
/// <param name="Articles">The articles.</param>
public sealed record KnowledgeFile(int Version, string Product, IReadOnlyList<KnowledgeArticle> Articles);
