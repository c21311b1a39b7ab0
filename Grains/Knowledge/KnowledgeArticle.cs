namespace Conversations.Grains.Knowledge;

/// <summary>One article of the knowledge base.</summary>
/// <param name="Id">A stable id (<c>kb-051</c>), cited in <c>assistant_message.metadata.article_id</c>.</param>
/// <param name="Title">The title.</param>
/// <param name="Category">What it is about: <c>channels</c>, <c>troubleshooting</c>, <c>billing</c>, <c>pricing</c>...</param>
/// <param name="Agent">Who answers with it: <c>tech_support</c>, <c>billing</c>, <c>general</c> or <c>sales</c>.</param>
/// <param name="Answer">The answer in at most 200 characters, as a reply can say it.</param>
/// <param name="Body">The whole article, for a model's prompt.</param>
/// <param name="Fixes">For a problem: the fixes to try, in order; a follow-up saying one did not work gets the next.</param>
/// <param name="Keywords">Words users use for it that the text may not contain.</param>
public sealed record KnowledgeArticle(
    string Id,
    string Title,
    string Category,
    string Agent,
    string Answer,
    string Body,
    IReadOnlyList<string>? Fixes = null,
    IReadOnlyList<string>? Keywords = null)
{
    /// <summary>The text that is embedded and searched for words: title, keywords, answer and body.</summary>
    public string SearchText => string.Join(". ", new[] { Title, string.Join(", ", Keywords ?? []), Answer, Body }.Where(s => s.Length > 0));
}
