using System.Text.Json;
using Conversations.Gateway.Hosting;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Dialects.SupportDesk;

/// <summary>
/// The support desk's knowledge base endpoints over the knowledge base replies are grounded in (through
/// <see cref="IKnowledgeGrain"/>): the same articles, the same hybrid search and confidence, the same
/// helpfulness counts that move the ranking.
/// </summary>
internal sealed class SupportDeskKnowledgeApi(IGrainFactory grains, TimeProvider time, IOptionsMonitor<GatewayOptions> options)
{
    /// <summary>The most results one search returns.</summary>
    public const int MaxResults = 20;

    /// <summary>The longest article id accepted.</summary>
    public const int MaxArticleIdChars = 64;

    private const int DefaultResults = 5;
    private static readonly string[] Agents = ["tech_support", "billing", "general"];

    private IKnowledgeGrain Knowledge => grains.GetGrain<IKnowledgeGrain>(0);

    /// <summary><c>GET /api/v1/knowledge/search?q=&amp;agent=&amp;limit=</c>: the best articles, each with a confidence.</summary>
    public async Task<IResult> SearchAsync(HttpContext http)
    {
        var query = SupportDeskHttp.Query(http, "q")?.Trim();
        if (string.IsNullOrEmpty(query))
        {
            return SupportDeskHttp.Invalid("Query parameter q is required: the words to search for.");
        }

        var maxChars = options.CurrentValue.MaxContentChars;
        if (query.Length > maxChars)
        {
            return SupportDeskHttp.Invalid($"Query parameter q is {query.Length} characters long; at most {maxChars} are allowed.");
        }

        var agent = SupportDeskHttp.Query(http, "agent");
        if (agent is not null && !Agents.Contains(agent, StringComparer.Ordinal))
        {
            return SupportDeskHttp.Invalid("Query parameter agent must be tech_support, billing or general.");
        }

        if (!SupportDeskHttp.TryReadQueryInt(http, "limit", 1, MaxResults, DefaultResults, out var limit))
        {
            return SupportDeskHttp.Invalid($"Query parameter limit must be a whole number from 1 to {MaxResults}.");
        }

        // The support desk's general agent also took what our sales articles answer: search everything and keep
        // those; its other two agents are ours, whose searches include the articles for everyone.
        var results = agent == "general"
            ? (await Knowledge.SearchAsync(query, null, int.MaxValue)).Where(r => SupportDeskReply.Agent(r.Agent) == "general").Take(limit).ToArray()
            : await Knowledge.SearchAsync(query, agent, limit);
        return SupportDeskHttp.Json((query, agent, results, time.GetUtcNow()), static (w, s) =>
        {
            w.WriteString("query", s.query);
            if (s.agent is null)
            {
                w.WriteNull("agent");
            }
            else
            {
                w.WriteString("agent", s.agent);
            }

            w.WriteNumber("total", s.results.Count);
            w.WriteStartArray("results");
            foreach (var result in s.results)
            {
                w.WriteStartObject();
                w.WriteString("article_id", result.ArticleId);
                w.WriteString("title", result.Title);
                w.WriteString("category", result.Category);
                w.WriteString("agent", SupportDeskReply.Agent(result.Agent));
                w.WriteString("content", result.Answer);
                w.WriteNumber("confidence", result.Confidence);
                w.WriteStartObject("scores");
                w.WriteNumber("semantic", result.Semantic);
                w.WriteNumber("keyword", result.Keyword);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("timestamp", s.Item4.UtcDateTime);
        });
    }

    /// <summary><c>GET /api/v1/knowledge/categories</c>: every category of articles, by the agent that answers with them.</summary>
    public async Task<IResult> CategoriesAsync()
    {
        var entries = await Knowledge.ListAsync();
        var byAgent = Agents.ToDictionary(
            a => a,
            a => entries.Where(e => SupportDeskReply.Agent(e.Agent) == a)
                .GroupBy(e => e.Category, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToArray(),
            StringComparer.Ordinal);
        return SupportDeskHttp.Json((entries.Count, byAgent), static (w, s) =>
        {
            w.WriteNumber("total_articles", s.Count);
            w.WriteStartObject("agents");
            foreach (var (agent, categories) in s.byAgent)
            {
                w.WriteStartObject(agent);
                w.WriteNumber("article_count", categories.Sum(c => c.Count()));
                w.WriteStartArray("categories");
                foreach (var category in categories)
                {
                    WriteCategory(w, category);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
    }

    /// <summary><c>POST /api/v1/knowledge/feedback</c> <c>{"article_id","helpful"}</c>: counts whether an article helped.</summary>
    public async Task<IResult> FeedbackAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var (body, refusal) = await SupportDeskHttp.ReadObjectAsync(http, options.CurrentValue.MaxFrameBytes, cancellationToken);
        if (body is null)
        {
            return refusal!;
        }

        using (body)
        {
            var root = body.RootElement;
            var articleId = DialectJson.Text(root, "article_id");
            if (articleId is not { Length: >= 1 and <= MaxArticleIdChars })
            {
                return SupportDeskHttp.Invalid($"Field 'article_id' is required: the id of the article (1 to {MaxArticleIdChars} characters), as a search result gives it.");
            }

            if (!root.TryGetProperty("helpful", out var helpfulMember) || helpfulMember.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return SupportDeskHttp.Invalid("Field 'helpful' is required: true when the article helped, false when it did not.");
            }

            var helpful = helpfulMember.GetBoolean();
            if (await Knowledge.RecordFeedbackAsync(articleId, helpful) is not { } counts)
            {
                return SupportDeskHttp.NotFound($"There is no article '{articleId}'.");
            }

            return SupportDeskHttp.Json((counts, helpful, time.GetUtcNow()), static (w, s) =>
            {
                w.WriteString("status", "recorded");
                w.WriteString("article_id", s.counts.ArticleId);
                w.WriteBoolean("helpful", s.helpful);
                w.WriteNumber("helpful_count", s.counts.Helpful);
                w.WriteNumber("unhelpful_count", s.counts.Unhelpful);
                w.WriteString("timestamp", s.Item3.UtcDateTime);
            });
        }
    }

    private static void WriteCategory(Utf8JsonWriter w, IGrouping<string, KnowledgeEntry> category)
    {
        w.WriteStartObject();
        w.WriteString("category", category.Key);
        w.WriteNumber("article_count", category.Count());
        w.WriteStartArray("articles");
        foreach (var entry in category)
        {
            w.WriteStartObject();
            w.WriteString("article_id", entry.ArticleId);
            w.WriteString("title", entry.Title);
            w.WriteNumber("helpful_count", entry.Helpful);
            w.WriteNumber("unhelpful_count", entry.Unhelpful);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
