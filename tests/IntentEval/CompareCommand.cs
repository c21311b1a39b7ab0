using System.Globalization;
using System.Numerics.Tensors;
using Conversations.Grains.Intents;

namespace Conversations.IntentEval;

/// <summary>
/// <c>--compare</c>: classifier variants by 5-fold cross-validation on the training set only (the test split
/// and the fresh set are not looked at), to choose the model.
/// </summary>
public static class CompareCommand
{
    /// <summary>Prints each variant's out-of-fold accuracy.</summary>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var messages = LabelledSet.Load(LabelledSet.DefaultPath, heldOut: false);
        var texts = messages.Select(m => m.Text).ToArray();
        var y = messages.Select(m => IntentNames.All.ToList().IndexOf(m.Intent)).ToArray();
        var classes = IntentNames.All.Count;
        var full = TrainCommand.Features(texts);
        var embeddings = full.Select(f => f[..^classes]).ToArray();
        var cues = Classifiers.Cues();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cue classifier (no training; its cues were tuned on part of this set): {messages.Count(m => cues.Classify(m.Text).Name == m.Intent) / (double)messages.Count:P1}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nearest centroid over embeddings: {OutOfFold(embeddings, y, classes, Centroid):P1}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"5 nearest neighbours over embeddings: {OutOfFold(embeddings, y, classes, Neighbours):P1}"));
        foreach (var l2 in IntentTrainer.L2Choices)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"logistic regression, l2 {l2}: embeddings {IntentTrainer.CrossValidate(embeddings, y, classes, l2).Accuracy:P1}, embeddings + cues {IntentTrainer.CrossValidate(full, y, classes, l2).Accuracy:P1}"));
        }

        // The training set's own out-of-fold mistakes, to see where more varied examples are needed.
        var (_, logits) = IntentTrainer.CrossValidate(full, y, classes, IntentModel.LoadShippedWeights().L2);
        for (var i = 0; i < messages.Count; i++)
        {
            var predicted = TensorPrimitives.IndexOfMax(logits[i]);
            if (predicted != y[i])
            {
                output.WriteLine($"  out of fold: {messages[i].Intent} -> {IntentNames.All[predicted]}: {messages[i].Text}");
            }
        }

        return 0;
    }

    private static double OutOfFold(float[][] x, int[] y, int classes, Func<float[][], int[], int, float[], int> predict)
    {
        var correct = 0;
        for (var fold = 0; fold < 5; fold++)
        {
            var train = Enumerable.Range(0, x.Length).Where(i => i % 5 != fold).ToArray();
            var tx = train.Select(i => x[i]).ToArray();
            var ty = train.Select(i => y[i]).ToArray();
            for (var i = fold; i < x.Length; i += 5)
            {
                correct += predict(tx, ty, classes, x[i]) == y[i] ? 1 : 0;
            }
        }

        return (double)correct / x.Length;
    }

    private static int Centroid(float[][] x, int[] y, int classes, float[] query)
    {
        var best = (Class: 0, Score: float.MinValue);
        for (var k = 0; k < classes; k++)
        {
            var members = Enumerable.Range(0, x.Length).Where(i => y[i] == k).ToArray();
            if (members.Length == 0)
            {
                continue;
            }

            var centroid = new float[query.Length];
            foreach (var i in members)
            {
                TensorPrimitives.Add(centroid, x[i], centroid);
            }

            var score = TensorPrimitives.CosineSimilarity(centroid, query);
            if (score > best.Score)
            {
                best = (k, score);
            }
        }

        return best.Class;
    }

    private static int Neighbours(float[][] x, int[] y, int classes, float[] query) =>
        Enumerable.Range(0, x.Length)
            .Select(i => (Class: y[i], Score: TensorPrimitives.Dot(x[i], query)))
            .OrderByDescending(n => n.Score)
            .Take(5)
            .GroupBy(n => n.Class)
            .OrderByDescending(g => g.Sum(n => n.Score))
            .First().Key;
}
