using Conversations.Grains.Intelligence;

namespace Conversations.Grains.Knowledge;

/// <summary>
/// Exact-word search in memory: BM25 over the articles' words (lower case, English stop words dropped, plural
/// and -ing/-ed endings cut), mapped onto 0-1 as <c>s / (s + 5)</c>. PostgreSQL's full-text search plays this
/// part when the knowledge base is stored there.
/// </summary>
internal sealed class KeywordIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "for", "with", "at", "by", "from", "is", "are",
        "was", "be", "it", "its", "i", "we", "you", "my", "our", "your", "me", "us", "do", "does", "did", "can", "how",
        "what", "where", "when", "why", "which", "who", "this", "that", "there", "not", "no", "so", "if", "as", "any",
        "get", "have", "has", "i'm", "we're", "it's", "don't", "doesn't", "didn't", "will", "would", "could", "should",
    };

    private readonly Dictionary<string, Dictionary<int, int>> _postings = new(StringComparer.Ordinal);
    private readonly int[] _lengths;
    private readonly double _averageLength;

    public KeywordIndex(IReadOnlyList<string> documents)
    {
        _lengths = new int[documents.Count];
        for (var d = 0; d < documents.Count; d++)
        {
            var terms = Terms(documents[d]);
            _lengths[d] = terms.Count;
            foreach (var term in terms)
            {
                if (!_postings.TryGetValue(term, out var counts))
                {
                    _postings[term] = counts = [];
                }

                counts[d] = counts.GetValueOrDefault(d) + 1;
            }
        }

        _averageLength = _lengths.Length == 0 ? 1 : Math.Max(1, _lengths.Average());
    }

    /// <summary>Each document's score for <paramref name="query"/>, from 0 to 1.</summary>
    public double[] Score(string query)
    {
        var scores = new double[_lengths.Length];
        foreach (var term in Terms(query).Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(term, out var counts))
            {
                continue;
            }

            var idf = Math.Log(1 + ((_lengths.Length - counts.Count + 0.5) / (counts.Count + 0.5)));
            foreach (var (document, count) in counts)
            {
                scores[document] += idf * count * (K1 + 1) / (count + (K1 * (1 - B + (B * _lengths[document] / _averageLength))));
            }
        }

        for (var d = 0; d < scores.Length; d++)
        {
            scores[d] /= scores[d] + 5;
        }

        return scores;
    }

    /// <summary>The searchable words of <paramref name="text"/>.</summary>
    public static List<string> Terms(string text) =>
        TextNormalizer.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !StopWords.Contains(w))
            .Select(Stem)
            .Where(w => w.Length > 1)
            .ToList();

    private static string Stem(string word) =>
        word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5 ? word[..^3]
        : word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4 ? word[..^3] + "y"
        : word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4 ? word[..^2]
        : word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && word.Length > 3 ? word[..^1]
        : word;
}
