using System.Globalization;
using Conversations.Grains.Intents;

namespace Conversations.IntentEval;

/// <summary>The default command: the shipped classifier on the training set, the test split and the fresh set, and the cues alone for comparison.</summary>
public static class EvaluateCommand
{
    /// <summary>Prints the figures; with <paramref name="path"/>, only that file's.</summary>
    public static int Run(TextWriter output, string? path)
    {
        ArgumentNullException.ThrowIfNull(output);
        var model = Classifiers.Shipped();
        var cues = Classifiers.Cues();
        var sets = path is null
            ? new[] { ("training set", LabelledSet.DefaultPath), ("test split", LabelledSet.TestPath), ("fresh set", LabelledSet.FreshPath) }
            : new[] { (Path.GetFileName(path), path) };
        var calibration = new List<(double, bool)>();
        foreach (var (name, file) in sets)
        {
            var messages = LabelledSet.Load(file);
            var result = IntentEvaluator.Evaluate(messages, model.Classify);
            var cueResult = IntentEvaluator.Evaluate(messages, cues.Classify);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== {name} ({Path.GetFileName(file)}): model {result.IntentAccuracy:P1}, cues alone {cueResult.IntentAccuracy:P1}"));
            output.Write(ConfusionTable.Format(result));
            output.WriteLine();
            if (messages.Any(m => m.HeldOut))
            {
                calibration.AddRange(result.Outcomes);
            }
        }

        if (calibration.Count > 0)
        {
            output.WriteLine("reliability of the model's confidence on the held-out messages (test split and fresh set):");
            output.Write(ReliabilityTable.Format(calibration));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: {model.Weights.EmbeddingModel}, {model.Weights.TrainingMessages} training messages, l2 {model.Weights.L2}, temperature {model.Weights.Temperature}"));
        return 0;
    }
}
