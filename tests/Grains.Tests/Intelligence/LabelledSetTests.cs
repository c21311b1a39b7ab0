using Conversations.IntentEval;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class LabelledSetTests
{
    private readonly IReadOnlyList<LabelledMessage> _messages = LabelledSet.Load(LabelledSet.DefaultPath);

    [Fact]
    public void TheLabelledSetHasAtLeastThreeHundredDistinctMessages()
    {
        Assert.True(_messages.Count >= 300, $"{_messages.Count} messages");
        Assert.Equal(_messages.Count, _messages.Select(m => m.Text).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void TheLocalClassifierGetsAtLeastNinetyPercentOfIntentsRight()
    {
        var result = IntentEvaluator.Evaluate(_messages);
        Assert.True(result.IntentAccuracy >= 0.90, ConfusionTable.Format(result));
    }

    [Fact]
    public void AtLeastNinetyPercentOfMessagesLeadToTheExpectedState()
    {
        var result = IntentEvaluator.Evaluate(_messages);
        Assert.True(result.NextStateAccuracy >= 0.90, ConfusionTable.Format(result));
    }
}
