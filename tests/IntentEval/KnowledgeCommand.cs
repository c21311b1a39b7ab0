using System.Globalization;
using Conversations.Grains.Knowledge;

namespace Conversations.IntentEval;

/// <summary>
/// <c>--knowledge</c>: search quality over <c>tests/data/knowledge-queries.csv</c>: how often the answering
/// article is first, and in the first three.
/// </summary>
public static class KnowledgeCommand
{
    /// <summary>The labelled queries shipped next to this assembly.</summary>
    public static string QueriesPath { get; } = Path.Combine(AppContext.BaseDirectory, "data", "knowledge-queries.csv");

    /// <summary>Every labelled query.</summary>
    public static IReadOnlyList<KnowledgeQuery> Load(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0)
            .Select(l => (Comma: l.LastIndexOf(','), Line: l))
            .Select(p => new KnowledgeQuery(p.Line[..p.Comma].Trim('"'), p.Line[(p.Comma + 1)..]))
            .ToArray();

    /// <summary>Top-1 and top-3 hit rates of <paramref name="knowledge"/>, and the queries missed.</summary>
    public static async Task<(double Top1, double Top3, IReadOnlyList<string> Misses)> EvaluateAsync(IKnowledgeBase knowledge, IReadOnlyList<KnowledgeQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(queries);
        var top1 = 0;
        var top3 = 0;
        var misses = new List<string>();
        foreach (var query in queries)
        {
            var hits = await knowledge.SearchAsync(query.Query, null, 3, CancellationToken.None);
            top1 += hits.Count > 0 && hits[0].Article.Id == query.ArticleId ? 1 : 0;
            if (hits.Any(h => h.Article.Id == query.ArticleId))
            {
                top3++;
            }
            else
            {
                misses.Add(string.Create(CultureInfo.InvariantCulture, $"{query.Query} -> expected {query.ArticleId}, got {string.Join(", ", hits.Select(h => $"{h.Article.Id} ({h.Confidence:0.00})"))}"));
            }
        }

        return ((double)top1 / queries.Count, (double)top3 / queries.Count, misses);
    }

    /// <summary>Prints the figures for the in-memory knowledge base.</summary>
    public static async Task<int> RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var queries = Load(QueriesPath);
        var file = KnowledgeSource.Shipped;
        var (top1, top3, misses) = await EvaluateAsync(new InMemoryKnowledgeBase(), queries);
        var (wordsTop1, wordsTop3, _) = await EvaluateAsync(new InMemoryKnowledgeBase(file.Articles, null, null), queries);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"knowledge base v{file.Version}: {file.Articles.Count} articles; {queries.Count} labelled queries"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hybrid (embeddings + words): top-1 {top1:P1}, top-3 {top3:P1}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"words alone (BM25): top-1 {wordsTop1:P1}, top-3 {wordsTop3:P1}"));
        foreach (var miss in misses)
        {
            output.WriteLine($"  missed: {miss}");
        }

        var knowledge = new InMemoryKnowledgeBase();
        var confidences = new List<double>();
        foreach (var query in queries)
        {
            var hits = await knowledge.SearchAsync(query.Query, null, 1, CancellationToken.None);
            confidences.Add(hits[0].Confidence);
        }

        confidences.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"confidence of the first result: min {confidences[0]:0.00}, median {confidences[confidences.Count / 2]:0.00}, max {confidences[^1]:0.00}"));

        return 0;
    }
}
