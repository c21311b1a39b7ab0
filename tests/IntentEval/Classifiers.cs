using Conversations.Grains.Intelligence.Embeddings;
using Conversations.Grains.Intents;

namespace Conversations.IntentEval;

/// <summary>The classifiers the commands evaluate, built as the silo builds them.</summary>
public static class Classifiers
{
    /// <summary>The shared embedding model; throws when it cannot be loaded.</summary>
    public static SentenceEmbedder Embedder =>
        EmbeddingModel.Shared.Embedder ?? throw new InvalidOperationException($"The embedding model could not be loaded: {EmbeddingModel.Shared.Failure}");

    /// <summary>The learned model with the weights shipped in the Grains assembly.</summary>
    public static IntentModel Shipped() => new(Embedder, new CueIntentClassifier(), IntentModel.LoadShippedWeights());

    /// <summary>The cue classifier alone: what decides when the model cannot load.</summary>
    public static CueIntentClassifier Cues() => new();
}
