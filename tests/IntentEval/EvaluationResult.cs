namespace Conversations.IntentEval;

/// <summary>How a classifier did on a labelled set.</summary>
/// <param name="Total">Messages evaluated.</param>
/// <param name="CorrectIntents">Messages whose intent was right.</param>
/// <param name="CorrectNextStates">Messages whose turn would lead to the expected state.</param>
/// <param name="Confusion">Counts by (expected intent, predicted intent).</param>
/// <param name="Misses">The messages whose intent was wrong, with what was predicted.</param>
/// <param name="Outcomes">Each message's confidence and whether its intent was right.</param>
public sealed record EvaluationResult(
    int Total,
    int CorrectIntents,
    int CorrectNextStates,
    IReadOnlyDictionary<(string Expected, string Predicted), int> Confusion,
    IReadOnlyList<(LabelledMessage Message, string Predicted)> Misses,
    IReadOnlyList<(double Confidence, bool Correct)> Outcomes)
{
    /// <summary>The share of messages with the right intent.</summary>
    public double IntentAccuracy => Total == 0 ? 0 : (double)CorrectIntents / Total;

    /// <summary>The share of messages that lead to the right state.</summary>
    public double NextStateAccuracy => Total == 0 ? 0 : (double)CorrectNextStates / Total;
}
