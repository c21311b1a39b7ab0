namespace Conversations.Grains.Interfaces.Model;

/// <summary>One article of the knowledge base as listed, with what readers said of it.</summary>
/// <param name="ArticleId">The article's stable id.</param>
/// <param name="Title">The title.</param>
/// <param name="Category">What it is about.</param>
/// <param name="Agent">Who answers with it: <c>tech_support</c>, <c>billing</c>, <c>general</c> or <c>sales</c>.</param>
/// <param name="Helpful">How often it was said to help.</param>
/// <param name="Unhelpful">How often it was said not to.</param>
[GenerateSerializer, Immutable, Alias("conversations.knowledge-entry.v1")]
public sealed record KnowledgeEntry(
    [property: Id(0)] string ArticleId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Category,
    [property: Id(3)] string Agent,
    [property: Id(4)] int Helpful,
    [property: Id(5)] int Unhelpful);
