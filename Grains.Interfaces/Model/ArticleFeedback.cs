namespace Conversations.Grains.Interfaces.Model;

/// <summary>An article's helpfulness counts, after a reader's feedback was counted.</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="Helpful">How often it was said to help.</param>
/// <param name="Unhelpful">How often it was said not to.</param>
[GenerateSerializer, Immutable, Alias("conversations.article-feedback.v1")]
public sealed record ArticleFeedback(
    [property: Id(0)] string ArticleId,
    [property: Id(1)] int Helpful,
    [property: Id(2)] int Unhelpful);
