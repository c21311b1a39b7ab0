using System.Globalization;
using System.Text;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.IntentEval;

/// <summary>The journeys' figures.</summary>
/// <param name="Journeys">Journeys played.</param>
/// <param name="Turns">Turns played.</param>
/// <param name="StatesRight">Turns that ended in the expected state.</param>
/// <param name="IntentsRight">Turns understood as the expected intent.</param>
/// <param name="StatesReached">States reached by a turn that was expected to reach them.</param>
/// <param name="RepeatedReplies">Replies equal, word for word, to the reply before them in the same journey.</param>
/// <param name="LongestReply">The longest reply, in characters.</param>
/// <param name="GroundedReplies">Replies that used a knowledge article.</param>
public sealed record JourneyScore(
    int Journeys,
    int Turns,
    int StatesRight,
    int IntentsRight,
    IReadOnlySet<ConversationState> StatesReached,
    int RepeatedReplies,
    int LongestReply,
    int GroundedReplies)
{
    /// <summary>The share of turns in the expected state.</summary>
    public double StateAccuracy => Turns == 0 ? 0 : (double)StatesRight / Turns;

    /// <summary>The share of turns with the expected intent.</summary>
    public double IntentAccuracy => Turns == 0 ? 0 : (double)IntentsRight / Turns;

    /// <summary>Scores played journeys.</summary>
    public static JourneyScore Of(IReadOnlyList<IReadOnlyList<JourneyTurnResult>> played)
    {
        ArgumentNullException.ThrowIfNull(played);
        var turns = played.SelectMany(p => p).ToArray();
        var repeated = played.Sum(p => p.Zip(p.Skip(1)).Count(pair => pair.First.Reply.Length > 0 && pair.First.Reply == pair.Second.Reply));
        return new JourneyScore(
            played.Count,
            turns.Length,
            turns.Count(t => t.StateRight),
            turns.Count(t => t.IntentRight),
            turns.Where(t => t.StateRight).Select(t => t.State).ToHashSet(),
            repeated,
            turns.Length == 0 ? 0 : turns.Max(t => t.Reply.Length),
            turns.Count(t => t.ArticleId is not null));
    }

    /// <summary>The figures as text.</summary>
    public string Format(string classifier)
    {
        var culture = CultureInfo.InvariantCulture;
        var all = Enum.GetValues<ConversationState>();
        return new StringBuilder()
            .AppendLine(culture, $"journeys: {Journeys}, turns: {Turns} (intents by the {classifier})")
            .AppendLine(culture, $"turns in the expected state: {StateAccuracy:P1} ({StatesRight}/{Turns})")
            .AppendLine(culture, $"turns with the expected intent: {IntentAccuracy:P1} ({IntentsRight}/{Turns})")
            .AppendLine(culture, $"states reached as expected: {StatesReached.Count} of {all.Length}{(StatesReached.Count == all.Length ? string.Empty : $" (missing: {string.Join(", ", all.Except(StatesReached).Select(s => s.ToWireName()))})")}")
            .AppendLine(culture, $"replies repeating the previous reply word for word: {RepeatedReplies}")
            .AppendLine(culture, $"longest reply: {LongestReply} characters")
            .AppendLine(culture, $"replies grounded in a knowledge article: {GroundedReplies}")
            .ToString();
    }
}
