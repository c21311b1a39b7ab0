using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Summaries;

namespace Conversations.Grains.Tests.Engine;

public sealed class ConversationSummarizerTests
{
    private readonly ConversationSummarizer _summarizer = new();

    [Fact]
    public void FoldedTurnsStayWithinTheLimitAndKeepTheNewest()
    {
        var summary = string.Empty;
        for (var turn = 1; turn <= 200; turn++)
        {
            summary = _summarizer.Fold(summary, Turn(turn));
        }

        Assert.InRange(summary.Length, 1, ConversationSummarizer.MaxSummaryChars);
        Assert.Contains("Turn 200", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Turn 1 ", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void DescriptionNamesTheStateAndTheLastMessage()
    {
        var text = _summarizer.Describe(3, ConversationState.ValueProposition, string.Empty, [Turn(3)]);
        Assert.Contains("value_proposition", text, StringComparison.Ordinal);
        Assert.Contains("message number 3", text, StringComparison.Ordinal);
    }

    private static TurnSummary Turn(int turn) => new(
        turn,
        $"message number {turn}",
        "reply",
        ConversationState.InitialContact,
        ConversationState.InterestQualification,
        new Intent("interest", 0.8),
        12,
        Cancelled: false);
}
