namespace Conversations.Grains.Responders;

/// <summary>The knowledge article the reply is grounded in; recorded in <c>assistant_message.metadata.article_id</c>.</summary>
/// <param name="ArticleId">The article's id.</param>
public sealed record ReplyCitation(string ArticleId) : ReplyEvent;
