using System.Text;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intents;

/// <summary>
/// A fast local classifier: weighted cue words and phrases per intent. The score of the winning intent and
/// its margin over the runner-up give the confidence.
/// </summary>
public sealed class IntentClassifier
{
    private static readonly (string Intent, string Cue, double Weight)[] Cues =
    [
        // Greetings weigh little: "hi, we need a CRM" is about the CRM.
        (IntentNames.Greeting, "hello", 1.2), (IntentNames.Greeting, "hi", 1.2), (IntentNames.Greeting, "hey", 1.2),
        (IntentNames.Greeting, "good morning", 1.5), (IntentNames.Greeting, "good afternoon", 1.5),
        (IntentNames.Greeting, "good evening", 1.5), (IntentNames.Greeting, "greetings", 1.2),

        (IntentNames.Interest, "interested", 2.5), (IntentNames.Interest, "tell me more", 2.5),
        (IntentNames.Interest, "learn more", 2.5), (IntentNames.Interest, "looking for", 2),
        (IntentNames.Interest, "we need", 1.5), (IntentNames.Interest, "i need", 1.5),
        (IntentNames.Interest, "curious", 1.5), (IntentNames.Interest, "want to know", 1.5),
        (IntentNames.Interest, "sounds interesting", 2.5), (IntentNames.Interest, "demo", 1.5),

        (IntentNames.Question, "how does", 2), (IntentNames.Question, "how do", 1.5),
        (IntentNames.Question, "what is", 1.5), (IntentNames.Question, "what does", 1.5),
        (IntentNames.Question, "can it", 1.5), (IntentNames.Question, "does it", 1.5),
        (IntentNames.Question, "is there", 1), (IntentNames.Question, "which", 1),
        (IntentNames.Question, "integrate", 1.5), (IntentNames.Question, "feature", 1.5),
        (IntentNames.Question, "features", 1.5), (IntentNames.Question, "support for", 1.5),

        // Price words decide a message even when it is phrased as a question.
        (IntentNames.Pricing, "price", 4.5), (IntentNames.Pricing, "prices", 4.5), (IntentNames.Pricing, "pricing", 4.5),
        (IntentNames.Pricing, "cost", 4.5), (IntentNames.Pricing, "costs", 4.5), (IntentNames.Pricing, "how much", 4.5),
        (IntentNames.Pricing, "plan", 1.5), (IntentNames.Pricing, "plans", 1.5), (IntentNames.Pricing, "discount", 2.5),
        (IntentNames.Pricing, "quote", 2.5), (IntentNames.Pricing, "per seat", 2.5), (IntentNames.Pricing, "per user", 2.5),
        (IntentNames.Pricing, "budget", 2), (IntentNames.Pricing, "tier", 1.5), (IntentNames.Pricing, "$", 2),

        (IntentNames.Objection, "too expensive", 4), (IntentNames.Objection, "expensive", 3),
        (IntentNames.Objection, "not sure", 2.5), (IntentNames.Objection, "concerned", 2.5),
        (IntentNames.Objection, "worried", 2.5), (IntentNames.Objection, "competitor", 2.5),
        (IntentNames.Objection, "cheaper", 2.5), (IntentNames.Objection, "don't think", 2),
        (IntentNames.Objection, "do not think", 2), (IntentNames.Objection, "doubt", 2.5),
        (IntentNames.Objection, "risk", 2), (IntentNames.Objection, "but", 0.5), (IntentNames.Objection, "already use", 2.5),
        (IntentNames.Objection, "not convinced", 3), (IntentNames.Objection, "too complicated", 3),

        (IntentNames.Purchase, "buy", 3), (IntentNames.Purchase, "purchase", 3), (IntentNames.Purchase, "sign up", 3),
        (IntentNames.Purchase, "subscribe", 3), (IntentNames.Purchase, "let's do it", 3.5),
        (IntentNames.Purchase, "lets do it", 3.5), (IntentNames.Purchase, "ready to", 2.5),
        (IntentNames.Purchase, "take it", 2.5), (IntentNames.Purchase, "order", 2),
        (IntentNames.Purchase, "contract", 2), (IntentNames.Purchase, "deal", 2), (IntentNames.Purchase, "checkout", 3),

        (IntentNames.Affirmation, "yes", 2), (IntentNames.Affirmation, "yeah", 2), (IntentNames.Affirmation, "sure", 2),
        (IntentNames.Affirmation, "sounds good", 2.5), (IntentNames.Affirmation, "ok", 1.5),
        (IntentNames.Affirmation, "okay", 1.5), (IntentNames.Affirmation, "great", 1.5),
        (IntentNames.Affirmation, "makes sense", 2.5), (IntentNames.Affirmation, "go on", 2),
        (IntentNames.Affirmation, "perfect", 2), (IntentNames.Affirmation, "agreed", 2.5),

        (IntentNames.SupportProblem, "error", 2.5), (IntentNames.SupportProblem, "broken", 3),
        (IntentNames.SupportProblem, "bug", 3), (IntentNames.SupportProblem, "crash", 3),
        (IntentNames.SupportProblem, "crashes", 3), (IntentNames.SupportProblem, "can't log in", 3.5),
        (IntentNames.SupportProblem, "cannot log in", 3.5), (IntentNames.SupportProblem, "not loading", 3),
        (IntentNames.SupportProblem, "issue", 1.5), (IntentNames.SupportProblem, "problem", 2),
        (IntentNames.SupportProblem, "help me", 1.5), (IntentNames.SupportProblem, "fails", 2.5),

        (IntentNames.Billing, "invoice", 3), (IntentNames.Billing, "charged", 3), (IntentNames.Billing, "charge", 2.5),
        (IntentNames.Billing, "refund", 3.5), (IntentNames.Billing, "billing", 3.5), (IntentNames.Billing, "receipt", 3),
        (IntentNames.Billing, "payment", 2), (IntentNames.Billing, "credit card", 2.5), (IntentNames.Billing, "twice", 1),

        (IntentNames.SmallTalk, "how are you", 3), (IntentNames.SmallTalk, "weather", 3),
        (IntentNames.SmallTalk, "weekend", 2.5), (IntentNames.SmallTalk, "thanks", 1.5),
        (IntentNames.SmallTalk, "thank you", 1.5), (IntentNames.SmallTalk, "joke", 3), (IntentNames.SmallTalk, "lol", 2),

        (IntentNames.HumanRequest, "human", 3.5), (IntentNames.HumanRequest, "real person", 4),
        (IntentNames.HumanRequest, "agent", 2.5), (IntentNames.HumanRequest, "speak to someone", 4),
        (IntentNames.HumanRequest, "talk to someone", 4), (IntentNames.HumanRequest, "representative", 3.5),
        (IntentNames.HumanRequest, "manager", 2.5), (IntentNames.HumanRequest, "call me", 2.5),

        (IntentNames.NotWorking, "didn't work", 4), (IntentNames.NotWorking, "did not work", 4),
        (IntentNames.NotWorking, "still not working", 4.5), (IntentNames.NotWorking, "doesn't work", 3.5),
        (IntentNames.NotWorking, "does not work", 3.5), (IntentNames.NotWorking, "still broken", 4),
        (IntentNames.NotWorking, "tried that", 4), (IntentNames.NotWorking, "same problem", 3.5),
        (IntentNames.NotWorking, "still", 1), (IntentNames.NotWorking, "again", 1),
    ];

    /// <summary>Classifies one user message.</summary>
    public Intent Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = Normalize(text);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (intent, cue, weight) in Cues)
        {
            if (Contains(normalized, cue))
            {
                scores[intent] = scores.GetValueOrDefault(intent) + weight;
            }
        }

        if (text.Contains('?', StringComparison.Ordinal))
        {
            scores[IntentNames.Question] = scores.GetValueOrDefault(IntentNames.Question) + 1;
        }

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

    // Lower case; apostrophes (straight or curly) and '$' kept; anything else that is not a letter or digit
    // becomes one space; padded with spaces so that cues match on word boundaries.
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append(' ');
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '$')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '\u2019')
            {
                builder.Append('\'');
            }
            else if (builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder[^1] == ' ' ? builder.ToString() : builder.Append(' ').ToString();
    }

    private static bool Contains(string normalized, string cue) =>
        cue == "$"
            ? normalized.Contains('$', StringComparison.Ordinal)
            : normalized.Contains($" {cue} ", StringComparison.Ordinal);
}
