using System.Runtime.CompilerServices;
using Conversations.Grains.Domain;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Knowledge;
using Microsoft.Extensions.AI;

namespace Conversations.Grains.Responders.Models;

/// <summary>
/// Streams a model's reply through the shared <see cref="IChatClient"/>, token by token, with its usage. With a
/// knowledge base, the best articles for the message go into the prompt (retrieval-augmented) and the best one
/// is cited.
/// </summary>
public sealed class ModelReplyGenerator(IChatClient client, string name, float temperature, IKnowledgeBase? knowledge = null, DomainPackSource? packs = null) : IReplyGenerator
{
    /// <summary>How many articles the prompt carries at most.</summary>
    public const int PromptArticles = 3;

    // Articles less sure than this stay out of the prompt.
    private const double MinimumConfidence = 0.25;

    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public async IAsyncEnumerable<ReplyEvent> GenerateAsync(
        ReplyContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new ChatOptions
        {
            // About four characters a token; the grain cuts the reply at MaxReplyChars in any case.
            MaxOutputTokens = (context.MaxReplyChars / 3) + 16,
            Temperature = temperature,
        };
        var pack = packs?.Current ?? DomainPackSource.Default;
        KnowledgeArticle[] articles = [];
        if (knowledge is not null && pack.Knowledge.Enabled)
        {
            articles = await GroundingAsync(knowledge, GroundingQuery(context), cancellationToken);
            if (articles.Length > 0)
            {
                yield return new ReplyCitation(articles[0].Id);
            }
        }

        await foreach (var update in client.GetStreamingResponseAsync(ModelPrompt.Build(context, articles, pack), options, cancellationToken))
        {
            var text = update.Text;
            if (text.Length > 0)
            {
                yield return new ReplyText(text);
            }

            foreach (var usage in update.Contents.OfType<UsageContent>())
            {
                var details = usage.Details;
                var input = details.InputTokenCount ?? 0;
                var output = details.OutputTokenCount ?? 0;
                yield return new ReplyUsage(new TokenUsage(input, output, details.TotalTokenCount ?? input + output));
            }
        }
    }

    // "That didn't work" names no problem: the articles are looked up for the problem reported before it.
    private static string GroundingQuery(ReplyContext context) =>
        context.Intent.Name == Intents.IntentNames.NotWorking
            ? context.RecentTurns.LastOrDefault(t => t.Intent.Name == Intents.IntentNames.SupportProblem)?.UserMessage ?? context.UserMessage
            : context.UserMessage;

    // The best articles for the message; none when the knowledge base is out of reach, so the model still answers.
    private static async Task<KnowledgeArticle[]> GroundingAsync(IKnowledgeBase knowledge, string message, CancellationToken cancellationToken)
    {
        try
        {
            var hits = await knowledge.SearchAsync(message, null, PromptArticles, cancellationToken);
            return hits.Where(h => h.Confidence >= MinimumConfidence).Select(h => h.Article).ToArray();
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException or InvalidOperationException or IOException)
        {
            return [];
        }
    }
}
