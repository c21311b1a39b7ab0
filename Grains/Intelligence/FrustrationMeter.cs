namespace Conversations.Grains.Intelligence;

/// <summary>
/// Frustration from 0 (calm) to 10, from the text (shouting in capitals, repeated punctuation, angry or weary
/// words) and from the conversation (fixes that failed). It fades by two points a calm turn.
/// </summary>
public sealed class FrustrationMeter
{
    private static readonly string[] StrongWords =
    [
        "useless", "ridiculous", "terrible", "awful", "worst", "hate", "wtf", "unacceptable", "furious",
        "angry", "pathetic", "garbage", "rubbish", "waste of", "joke", "scam", "sick of", "fed up", "nonsense",
    ];

    private static readonly string[] MildWords =
    [
        "annoyed", "annoying", "frustrated", "frustrating", "disappointed", "seriously", "come on", "still",
        "again", "nothing works", "keeps", "ugh", "already told", "how many times", "not happy", "upset",
    ];

    /// <summary>Frustration after a turn with <paramref name="text"/>.</summary>
    /// <param name="text">The user's message.</param>
    /// <param name="failedAttempts">Follow-ups in a row, this one included, saying that a fix did not work.</param>
    /// <param name="previous">Frustration after the previous turn.</param>
    public int Measure(string text, int failedAttempts, int previous)
    {
        ArgumentNullException.ThrowIfNull(text);
        var score = Shouting(text) + RepeatedPunctuation(text) + Words(TextNormalizer.Normalize(text))
            + Math.Min(4.5, 1.5 * Math.Max(0, failedAttempts));
        var fromText = (int)Math.Round(score, MidpointRounding.AwayFromZero);
        return Math.Clamp(Math.Max(fromText, previous - 2), 0, 10);
    }

    // Mostly capitals over a message long enough that it is not an acronym ("OK", "CRM?").
    private static double Shouting(string text)
    {
        var letters = text.Count(char.IsLetter);
        var upper = text.Count(char.IsUpper);
        return letters >= 6 && upper >= 0.6 * letters ? 3 : 0;
    }

    // "!!", "??", "?!" count; a run of three or more counts double; at most 3.
    private static double RepeatedPunctuation(string text)
    {
        double score = 0;
        var run = 0;
        foreach (var c in text.Append(' '))
        {
            if (c is '!' or '?')
            {
                run++;
                continue;
            }

            score += run switch { >= 3 => 2, 2 => 1, _ => 0 };
            run = 0;
        }

        return Math.Min(3, score);
    }

    private static double Words(string normalized)
    {
        var strong = StrongWords.Count(w => TextNormalizer.ContainsPhrase(normalized, w));
        var mild = MildWords.Count(w => TextNormalizer.ContainsPhrase(normalized, w));
        return Math.Min(5, (2 * strong) + mild);
    }
}
