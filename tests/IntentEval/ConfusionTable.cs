using System.Globalization;
using System.Text;

namespace Conversations.IntentEval;

/// <summary>Prints an evaluation: the accuracy figures, a confusion table and the misclassified messages.</summary>
public static class ConfusionTable
{
    /// <summary>The report as plain text.</summary>
    public static string Format(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var culture = CultureInfo.InvariantCulture;
        var labels = result.Confusion.Keys.SelectMany(k => new[] { k.Expected, k.Predicted })
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var width = Math.Max(8, labels.Max(l => l.Length) + 1);
        var text = new StringBuilder()
            .AppendLine(culture, $"messages: {result.Total}")
            .AppendLine(culture, $"intent accuracy: {result.IntentAccuracy:P1} ({result.CorrectIntents}/{result.Total})")
            .AppendLine(culture, $"next-state accuracy: {result.NextStateAccuracy:P1} ({result.CorrectNextStates}/{result.Total})")
            .AppendLine()
            .AppendLine("confusion (rows: expected, columns: predicted, abbreviated to 5 letters)")
            .Append("expected".PadRight(width));
        foreach (var label in labels)
        {
            text.Append(culture, $"{Short(label),6}");
        }

        text.AppendLine();
        foreach (var expected in labels)
        {
            text.Append(expected.PadRight(width));
            foreach (var predicted in labels)
            {
                var count = result.Confusion.GetValueOrDefault((expected, predicted));
                text.Append(culture, $"{(count == 0 ? "." : count.ToString(culture)),6}");
            }

            text.AppendLine();
        }

        // Held-out mistakes are counted but not listed, so that tuning cannot look at them.
        text.AppendLine().AppendLine(culture, $"misclassified: {result.Misses.Count} ({result.Misses.Count(m => m.Message.HeldOut)} held out, not listed)");
        foreach (var (message, predicted) in result.Misses.Where(m => !m.Message.HeldOut))
        {
            text.AppendLine(culture, $"  {message.Intent} -> {predicted}: {message.Text}");
        }

        return text.ToString();
    }

    // Five letters; two-word names take three of the first and two of the second, so that purchase and
    // purchase_confirmed stay apart.
    private static string Short(string label) =>
        label.Split('_') is [var first, var second, ..] ? first[..Math.Min(3, first.Length)] + second[..Math.Min(2, second.Length)]
        : label.Length <= 5 ? label : label[..5];
}
