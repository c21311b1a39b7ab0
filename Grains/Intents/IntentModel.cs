using System.Numerics.Tensors;
using System.Text.Json;
using Conversations.Grains.Intelligence.Embeddings;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intents;

/// <summary>
/// The learned intent classifier: a sentence embedding of the message and the cue scores
/// (<see cref="IntentFeatures"/>), scored by logistic regression trained on the labelled set; the confidence is
/// the calibrated probability of the winning intent.
/// </summary>
public sealed class IntentModel
{
    /// <summary>The resource holding the shipped weights.</summary>
    public const string ResourceName = "intents/intent-model.json";

    private readonly SentenceEmbedder _embedder;
    private readonly CueIntentClassifier _cues;

    /// <summary>A model from <paramref name="weights"/> over <paramref name="embedder"/>.</summary>
    public IntentModel(SentenceEmbedder embedder, CueIntentClassifier cues, IntentModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(cues);
        ArgumentNullException.ThrowIfNull(weights);
        _embedder = embedder;
        _cues = cues;
        Weights = weights;
    }

    /// <summary>The weights in use.</summary>
    public IntentModelWeights Weights { get; }

    /// <summary>The weights shipped inside this assembly.</summary>
    public static IntentModelWeights LoadShippedWeights()
    {
        using var stream = typeof(IntentModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException($"The assembly holds no {ResourceName}.");
        return JsonSerializer.Deserialize(stream, IntentModelJsonContext.Default.IntentModelWeights)
            ?? throw new InvalidDataException($"{ResourceName} is empty.");
    }

    /// <summary>The features of <paramref name="text"/>.</summary>
    public float[] Features(string text) => IntentFeatures.Build(_embedder.Embed(text), _cues.Score(text));

    /// <summary>Classifies one message.</summary>
    public Intent Classify(string text)
    {
        var probabilities = Probabilities(Features(text), Weights);
        var best = TensorPrimitives.IndexOfMax(probabilities);
        return new Intent(Weights.Intents[best], Math.Round(probabilities[best], 2));
    }

    /// <summary>The calibrated probability of each intent of <paramref name="weights"/> for <paramref name="features"/>.</summary>
    public static float[] Probabilities(ReadOnlySpan<float> features, IntentModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var logits = new float[weights.Intents.Count];
        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] = (float)((TensorPrimitives.Dot(features, weights.Weights[k]) + weights.Bias[k]) / weights.Temperature);
        }

        TensorPrimitives.SoftMax(logits, logits);
        return logits;
    }
}
