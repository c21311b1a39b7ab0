using System.Text.Json;
using Conversations.Grains.Intelligence;
using Conversations.Grains.Intelligence.Embeddings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Intents;

/// <summary>
/// Builds the silo's <see cref="IntentClassifier"/>: the learned model over the process's shared embedding model,
/// or, when that cannot be loaded (or <see cref="IntelligenceOptions.IntentModel"/> is off), the cue classifier,
/// with a log line that says so.
/// </summary>
public sealed partial class IntentClassifierLoader(
    CueIntentClassifier cues,
    IOptions<IntelligenceOptions> options,
    ILogger<IntentClassifierLoader> logger)
{
    /// <summary>The classifier to use, over the process's shared embedding model, loaded on first use.</summary>
    public IntentClassifier Load() =>
        options.Value.IntentModel ? new IntentClassifier(cues, () => Model(EmbeddingModel.Shared)) : Off();

    /// <summary>The classifier to use over the embedding model <paramref name="load"/> gave.</summary>
    public IntentClassifier Load(EmbeddingLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return options.Value.IntentModel ? new IntentClassifier(cues, Model(load)) : Off();
    }

    private IntentModel? Model(EmbeddingLoad load)
    {
        if (load.Embedder is not { } embedder)
        {
            LogModelUnavailable(load.Failure ?? "unknown");
            return null;
        }

        try
        {
            var weights = IntentModel.LoadShippedWeights();
            if (weights.EmbeddingModel != embedder.ModelName)
            {
                LogModelUnavailable($"the intent weights were trained on {weights.EmbeddingModel}, not {embedder.ModelName}");
                return null;
            }

            LogModelLoaded(embedder.ModelName, weights.TrainingMessages, (long)embedder.LoadTime.TotalMilliseconds);
            return new IntentModel(embedder, cues, weights);
        }
        catch (Exception exception) when (exception is InvalidDataException or JsonException)
        {
            LogModelUnavailable(exception.Message);
            return null;
        }
    }

    private IntentClassifier Off()
    {
        LogModelOff();
        return new IntentClassifier(cues, (IntentModel?)null);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Intents are classified by the learned model over {EmbeddingModel} ({TrainingMessages} training messages; the embedding model loaded in {LoadMs} ms)")]
    private partial void LogModelLoaded(string embeddingModel, int trainingMessages, long loadMs);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "The intent model could not be loaded ({Reason}); the cue classifier decides intents")]
    private partial void LogModelUnavailable(string reason);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Intelligence:IntentModel is off; the cue classifier decides intents")]
    private partial void LogModelOff();
}
