using System.Globalization;
using System.Text;

namespace Conversations.IntentEval;

/// <summary>How well confidence predicts correctness: messages by confidence band, with the share right in each.</summary>
public static class ReliabilityTable
{
    /// <summary>The table for (confidence, correct) pairs, in bands of 0.1, and the expected calibration error.</summary>
    public static string Format(IReadOnlyList<(double Confidence, bool Correct)> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder().AppendLine("confidence   messages   mean confidence   accuracy");
        var error = 0.0;
        for (var band = 0; band < 10; band++)
        {
            var low = band / 10.0;
            var inBand = outcomes.Where(o => o.Confidence >= low && (o.Confidence < low + 0.1 || (band == 9 && o.Confidence <= 1))).ToArray();
            if (inBand.Length == 0)
            {
                continue;
            }

            var mean = inBand.Average(o => o.Confidence);
            var accuracy = inBand.Count(o => o.Correct) / (double)inBand.Length;
            error += inBand.Length * Math.Abs(mean - accuracy);
            text.AppendLine(culture, $"{low:0.0}-{low + 0.1:0.0}    {inBand.Length,8}   {mean,15:0.00}   {accuracy,8:P0}");
        }

        return text.AppendLine(culture, $"expected calibration error: {error / Math.Max(1, outcomes.Count):0.000}").ToString();
    }
}
