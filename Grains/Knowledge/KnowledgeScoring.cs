namespace Conversations.Grains.Knowledge;

/// <summary>
/// How the two searches are put together, the same in memory and in PostgreSQL: meaning counts 70% and exact
/// words 30%; a Laplace-smoothed helpfulness moves the score by at most 10% either way; the confidence maps the
/// score onto 0-1 (a score of 0.25 or less is 0, 0.75 or more is 1).
/// </summary>
public static class KnowledgeScoring
{
    /// <summary>The weight of meaning.</summary>
    public const double SemanticWeight = 0.7;

    /// <summary>The hybrid score of an article.</summary>
    public static double Score(double semantic, double keyword, int helpful, int unhelpful) =>
        ((SemanticWeight * Math.Max(0, semantic)) + ((1 - SemanticWeight) * keyword)) * Helpfulness(helpful, unhelpful);

    /// <summary>From 0.9 (never helped) to 1.1 (always helped); 1 without feedback.</summary>
    public static double Helpfulness(int helpful, int unhelpful) => 0.9 + (0.2 * (helpful + 1.0) / (helpful + unhelpful + 2.0));

    /// <summary>The confidence for a score.</summary>
    public static double Confidence(double score) => Math.Round(Math.Clamp((score - 0.25) / 0.5, 0, 1), 2);
}
