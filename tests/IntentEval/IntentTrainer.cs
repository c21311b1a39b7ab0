using System.Numerics.Tensors;
using Conversations.Grains.Intents;

namespace Conversations.IntentEval;

/// <summary>
/// Trains the intent model: multinomial logistic regression with L2 regularisation, full-batch Adam from zero
/// (deterministic), the regularisation chosen and the temperature fitted by 5-fold cross-validation on the
/// training set alone.
/// </summary>
public static class IntentTrainer
{
    /// <summary>The regularisation strengths tried.</summary>
    public static readonly double[] L2Choices = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3];

    private const int Folds = 5;
    private const int Iterations = 1000;
    private const double LearningRate = 0.05;

    /// <summary>The fitted model and what cross-validation said about it.</summary>
    public static (IntentModelWeights Weights, IReadOnlyList<(double L2, double Accuracy)> CrossValidation) Train(
        IReadOnlyList<float[]> features, IReadOnlyList<string> labels, string embeddingModel, string trainingSet)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        var intents = IntentNames.All;
        var y = labels.Select(l => IndexOf(intents, l)).ToArray();
        // The regularisation with the best out-of-fold log-likelihood (after calibration): steadier than accuracy,
        // which a handful of messages decides.
        var runs = L2Choices.Select(l2 => (L2: l2, Run: CrossValidate(features, y, intents.Count, l2))).ToArray();
        var scores = runs.Select(r => (r.L2, r.Run.Accuracy)).ToArray();
        var best = runs.Select(r => (r.L2, r.Run.Logits, Temperature: FitTemperature(r.Run.Logits, y)))
            .Select(r => (r.L2, r.Temperature, Loss: LogLoss(r.Logits, y, r.Temperature)))
            .OrderBy(r => r.Loss).First();
        var temperature = best.Temperature;
        var (w, b) = Fit(features, y, intents.Count, best.L2);
        return (new IntentModelWeights(embeddingModel, intents, w, b, temperature, trainingSet, features.Count, best.L2), scores);
    }

    /// <summary>Out-of-fold accuracy and logits of a model with <paramref name="l2"/>; message i is in fold i mod 5.</summary>
    public static (double Accuracy, float[][] Logits) CrossValidate(IReadOnlyList<float[]> x, int[] y, int classes, double l2)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var logits = new float[x.Count][];
        var correct = 0;
        for (var fold = 0; fold < Folds; fold++)
        {
            var train = Enumerable.Range(0, x.Count).Where(i => i % Folds != fold).ToArray();
            var (w, b) = Fit(train.Select(i => x[i]).ToArray(), train.Select(i => y[i]).ToArray(), classes, l2);
            for (var i = fold; i < x.Count; i += Folds)
            {
                logits[i] = Logits(x[i], w, b);
                correct += TensorPrimitives.IndexOfMax(logits[i]) == y[i] ? 1 : 0;
            }
        }

        return ((double)correct / x.Count, logits);
    }

    /// <summary>Weights and biases minimising cross-entropy plus <paramref name="l2"/> times the squared weights.</summary>
    public static (float[][] Weights, float[] Bias) Fit(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, double l2)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var d = x[0].Length;
        var w = Enumerable.Range(0, classes).Select(_ => new float[d]).ToArray();
        var b = new float[classes];
        var (mw, vw) = (Zeros(classes, d), Zeros(classes, d));
        var (mb, vb) = (new float[classes], new float[classes]);
        var gw = Zeros(classes, d);
        var gb = new float[classes];
        var p = new float[classes];
        const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        for (var step = 1; step <= Iterations; step++)
        {
            foreach (var row in gw)
            {
                Array.Clear(row);
            }

            Array.Clear(gb);
            for (var i = 0; i < x.Count; i++)
            {
                for (var k = 0; k < classes; k++)
                {
                    p[k] = TensorPrimitives.Dot(x[i], w[k]) + b[k];
                }

                TensorPrimitives.SoftMax(p, p);
                p[y[i]] -= 1;
                for (var k = 0; k < classes; k++)
                {
                    var scale = p[k] / x.Count;
                    TensorPrimitives.MultiplyAdd(x[i], scale, gw[k], gw[k]);
                    gb[k] += scale;
                }
            }

            var lr = (float)(LearningRate * Math.Sqrt(1 - Math.Pow(beta2, step)) / (1 - Math.Pow(beta1, step)));
            for (var k = 0; k < classes; k++)
            {
                TensorPrimitives.MultiplyAdd(w[k], (float)(2 * l2), gw[k], gw[k]);
                Adam(w[k], gw[k], mw[k], vw[k], lr, beta1, beta2, epsilon);
            }

            Adam(b, gb, mb, vb, lr, beta1, beta2, epsilon);
        }

        return (w, b);
    }

    /// <summary>The temperature, from 0.3 to 5, that minimises the negative log-likelihood of <paramref name="logits"/>.</summary>
    public static double FitTemperature(float[][] logits, int[] y)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(y);
        var best = (Temperature: 1.0, Loss: double.MaxValue);
        for (var t = 0.3; t <= 5; t += 0.01)
        {
            var loss = 0.0;
            var p = new float[logits[0].Length];
            for (var i = 0; i < logits.Length; i++)
            {
                TensorPrimitives.Divide(logits[i], (float)t, p);
                TensorPrimitives.SoftMax(p, p);
                loss -= Math.Log(Math.Max(1e-12, p[y[i]]));
            }

            if (loss < best.Loss)
            {
                best = (Math.Round(t, 2), loss);
            }
        }

        return best.Temperature;
    }

    /// <summary>The mean negative log-likelihood of <paramref name="logits"/> at <paramref name="temperature"/>.</summary>
    public static double LogLoss(float[][] logits, int[] y, double temperature)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(y);
        var loss = 0.0;
        var p = new float[logits[0].Length];
        for (var i = 0; i < logits.Length; i++)
        {
            TensorPrimitives.Divide(logits[i], (float)temperature, p);
            TensorPrimitives.SoftMax(p, p);
            loss -= Math.Log(Math.Max(1e-12, p[y[i]]));
        }

        return loss / logits.Length;
    }

    private static float[] Logits(float[] x, float[][] w, float[] b)
    {
        var logits = new float[w.Length];
        for (var k = 0; k < w.Length; k++)
        {
            logits[k] = TensorPrimitives.Dot(x, w[k]) + b[k];
        }

        return logits;
    }

    private static void Adam(float[] w, float[] g, float[] m, float[] v, float lr, float beta1, float beta2, float epsilon)
    {
        for (var j = 0; j < w.Length; j++)
        {
            m[j] = (beta1 * m[j]) + ((1 - beta1) * g[j]);
            v[j] = (beta2 * v[j]) + ((1 - beta2) * g[j] * g[j]);
            w[j] -= lr * m[j] / (MathF.Sqrt(v[j]) + epsilon);
        }
    }

    private static float[][] Zeros(int rows, int columns) => Enumerable.Range(0, rows).Select(_ => new float[columns]).ToArray();

    private static int IndexOf(IReadOnlyList<string> intents, string label)
    {
        for (var i = 0; i < intents.Count; i++)
        {
            if (intents[i] == label)
            {
                return i;
            }
        }

        throw new InvalidDataException($"Unknown intent '{label}' in the training set.");
    }
}
