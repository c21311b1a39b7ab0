using System.Text;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Summaries;

/// <summary>
/// Keeps the checkpoint small: folds turns that leave the recent list into a bounded text summary, and
/// describes a conversation in one short paragraph for clients that reconnect.
/// </summary>
public sealed class ConversationSummarizer
{
    /// <summary>The longest summary kept, in characters; the oldest sentences go first.</summary>
    public const int MaxSummaryChars = 1200;

    private const int QuoteChars = 60;

    /// <summary>Adds one turn to a summary of older turns.</summary>
    public string Fold(string summary, TurnSummary turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var sentence = new StringBuilder()
            .Append("Turn ").Append(turn.Turn).Append(" (").Append(turn.Intent.Name);
        if (turn.StateBefore != turn.StateAfter)
        {
            sentence.Append(", ").Append(turn.StateBefore.ToWireName()).Append(" -> ").Append(turn.StateAfter.ToWireName());
        }

        sentence.Append("): \"").Append(Quote(turn.UserMessage)).Append("\".");
        var combined = string.IsNullOrEmpty(summary) ? sentence.ToString() : $"{summary} {sentence}";
        while (combined.Length > MaxSummaryChars)
        {
            var cut = combined.IndexOf(" Turn ", StringComparison.Ordinal);
            combined = cut < 0 ? combined[^MaxSummaryChars..] : combined[(cut + 1)..];
        }

        return combined;
    }

    /// <summary>One paragraph that tells a reconnecting client where the conversation stands.</summary>
    public string Describe(int turnCount, ConversationState state, string olderTurns, IReadOnlyList<TurnSummary> recentTurns)
    {
        ArgumentNullException.ThrowIfNull(recentTurns);
        if (turnCount == 0)
        {
            return "No turns yet.";
        }

        var text = new StringBuilder()
            .Append(turnCount).Append(turnCount == 1 ? " turn" : " turns")
            .Append(", now in ").Append(state.ToWireName()).Append('.');
        if (recentTurns.Count > 0)
        {
            var last = recentTurns[^1];
            text.Append(" Last: \"").Append(Quote(last.UserMessage)).Append("\" (").Append(last.Intent.Name).Append(").");
        }

        if (olderTurns.Length > 0)
        {
            text.Append(" Earlier: ").Append(olderTurns.Length > 300 ? olderTurns[^300..] : olderTurns);
        }

        return text.ToString();
    }

    private static string Quote(string text) =>
        text.Length <= QuoteChars ? text.ReplaceLineEndings(" ") : string.Concat(text.AsSpan(0, QuoteChars).ToString().ReplaceLineEndings(" "), "...");
}
