namespace Conversations.Grains.Intents;

/// <summary>
/// What the learned model reads of a message: its sentence embedding, followed by the cue classifier's score for
/// each intent (capped and scaled to 0-1), which carries exact words the embedding blurs ("not", "still", "$").
/// </summary>
public static class IntentFeatures
{
    /// <summary>The cue score counted as certain; higher scores are capped there.</summary>
    public const double CueCap = 8;

    /// <summary>The number of features for an embedding of <paramref name="dimensions"/>.</summary>
    public static int Count(int dimensions) => dimensions + IntentNames.All.Count;

    /// <summary>The features of a message with <paramref name="embedding"/> and <paramref name="cueScores"/>.</summary>
    public static float[] Build(ReadOnlySpan<float> embedding, IReadOnlyDictionary<string, double> cueScores)
    {
        ArgumentNullException.ThrowIfNull(cueScores);
        var features = new float[Count(embedding.Length)];
        embedding.CopyTo(features);
        for (var i = 0; i < IntentNames.All.Count; i++)
        {
            features[embedding.Length + i] = (float)(Math.Min(CueCap, cueScores.GetValueOrDefault(IntentNames.All[i])) / CueCap);
        }

        return features;
    }
}
