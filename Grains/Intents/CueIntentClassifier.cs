using Conversations.Grains.Intelligence;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intents;

/// <summary>
/// The cue classifier: weighted cue words and phrases per intent (<see cref="IntentCues"/>), a capped bonus for
/// messages phrased as questions, and negation ("not interested" is no interest). The score of the winning
/// intent and its margin over the runner-up give the confidence. Its scores are also evidence for the learned
/// model (<see cref="IntentModel"/>), and it decides alone when the embedding model cannot be loaded.
/// </summary>
public sealed class CueIntentClassifier
{
    // Opening words of a question about the product.
    private static readonly string[] QuestionOpenings =
    [
        "how", "what", "where", "which", "who", "can it", "can i", "can we", "can you", "does", "do you",
        "is there", "is it", "are there", "will it",
    ];

    private static readonly string[] Negations = ["not", "don't", "didn't", "no", "never", "isn't", "wasn't"];

    /// <summary>Classifies one user message.</summary>
    public Intent Classify(string text)
    {
        var scores = Score(text);
        if (scores.Count == 0)
        {
            return new Intent(IntentNames.Unknown, 0.3);
        }

        var ranked = scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).ToArray();
        var best = ranked[0];
        var runnerUp = ranked.Length > 1 ? ranked[1].Value : 0;
        var confidence = 0.5 + (0.48 * (best.Value - runnerUp) / (best.Value + 1));
        return new Intent(best.Key, Math.Round(confidence, 2));
    }

    /// <summary>The cues' score for each intent that has any; no entry means no cue of that intent was found.</summary>
    public Dictionary<string, double> Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TextNormalizer.Normalize(text);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (intent, cue, weight) in IntentCues.All)
        {
            if (TextNormalizer.ContainsPhrase(normalized, cue) && !(IntentCues.Negatable.Contains(intent) && Negated(normalized, cue)))
            {
                scores[intent] = scores.GetValueOrDefault(intent) + weight;
            }
        }

        var phrasing = IntentCues.QuestionPhrasing.Where(p => TextNormalizer.ContainsPhrase(normalized, p.Cue)).Sum(p => p.Weight)
            + (text.Contains('?', StringComparison.Ordinal) && text.Any(char.IsLetter) ? 1 : 0)
            + (QuestionOpenings.Any(opening => normalized.StartsWith($" {opening} ", StringComparison.Ordinal)) ? 1.5 : 0);
        if (phrasing > 0)
        {
            scores[IntentNames.Question] = scores.GetValueOrDefault(IntentNames.Question) + Math.Min(IntentCues.MaxPhrasing, phrasing);
        }

        // A problem reported again after a fix ("still", "same") is a fix that did not work.
        if (scores.ContainsKey(IntentNames.SupportProblem) && IntentCues.Persisting.Any(w => TextNormalizer.ContainsPhrase(normalized, w)))
        {
            scores[IntentNames.NotWorking] = scores.GetValueOrDefault(IntentNames.NotWorking) + 2;
        }

        return scores;
    }

    private static bool Negated(string normalized, string cue) =>
        Negations.Any(n => normalized.Contains($" {n} {cue} ", StringComparison.Ordinal));
}
