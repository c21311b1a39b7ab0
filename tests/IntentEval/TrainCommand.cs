using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Conversations.Grains.Intelligence.Embeddings;
using Conversations.Grains.Intents;

namespace Conversations.IntentEval;

/// <summary>
/// <c>--train</c>: trains the intent model on the training set (never the test split or the fresh set) and
/// writes it to <c>Grains/Intents/intent-model.json</c>, which the Grains assembly ships.
/// </summary>
public static class TrainCommand
{
    /// <summary>The weights file in the source tree.</summary>
    public const string WeightsFile = "Grains/Intents/intent-model.json";

    /// <summary>Trains and writes; prints what cross-validation chose.</summary>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var stopwatch = Stopwatch.StartNew();
        // The source tree's file, not the copy beside the binaries, which is only as new as the last build.
        var trainingFile = RepositoryFiles.Path(Path.Combine("tests", "data", "intents.csv"));
        var messages = LabelledSet.Load(trainingFile, heldOut: false);
        var features = Features(messages.Select(m => m.Text).ToArray());
        var (weights, crossValidation) = IntentTrainer.Train(features, messages.Select(m => m.Intent).ToArray(), EmbeddingModel.Name, TrainingSetHash(trainingFile));
        foreach (var (l2, accuracy) in crossValidation)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"l2 {l2:G}: 5-fold accuracy {accuracy:P1}"));
        }

        var path = RepositoryFiles.Path(WeightsFile);
        File.WriteAllText(path, JsonSerializer.Serialize(weights, IntentModelJsonContext.Default.IntentModelWeights) + "\n");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chose l2 {weights.L2}, temperature {weights.Temperature}; {messages.Count} messages; wrote {path} in {stopwatch.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    /// <summary>The features of each text under the shared embedding model.</summary>
    public static float[][] Features(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var embedder = Classifiers.Embedder;
        var cues = Classifiers.Cues();
        return texts.Select(t => IntentFeatures.Build(embedder.Embed(t), cues.Score(t))).ToArray();
    }

    /// <summary>
    /// The SHA-256, in lower-case hex, of a training file's texts and intents (what training reads; the
    /// next_state column follows the transition rules and may change without retraining).
    /// </summary>
    public static string TrainingSetHash(string path) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join('\n', LabelledSet.Load(path, heldOut: false).Select(m => $"{m.Text}\t{m.Intent}")))));
}
