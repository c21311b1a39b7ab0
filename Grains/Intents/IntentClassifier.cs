using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intents;

/// <summary>
/// The local classifier the conversation uses: the learned <see cref="IntentModel"/> when the embedding model is
/// loaded, else the <see cref="CueIntentClassifier"/> alone. Fast (a few milliseconds, no I/O) and thread-safe.
/// The model may be given as a factory: it is then loaded on first use, so that whatever takes this classifier
/// (a grain being activated, acknowledging a message) does not wait for the load.
/// </summary>
public sealed class IntentClassifier
{
    private readonly CueIntentClassifier _cues;
    private readonly Lazy<IntentModel?> _model;

    /// <summary>The cue classifier alone.</summary>
    public IntentClassifier()
        : this(new CueIntentClassifier(), (IntentModel?)null)
    {
    }

    /// <summary>The learned model, or the cues when <paramref name="model"/> is <see langword="null"/>.</summary>
    public IntentClassifier(CueIntentClassifier cues, IntentModel? model)
        : this(cues, () => model)
    {
    }

    /// <summary>The model <paramref name="load"/> returns on first use, or the cues when it returns <see langword="null"/>.</summary>
    public IntentClassifier(CueIntentClassifier cues, Func<IntentModel?> load)
    {
        ArgumentNullException.ThrowIfNull(cues);
        ArgumentNullException.ThrowIfNull(load);
        _cues = cues;
        _model = new Lazy<IntentModel?>(load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>What decides: <c>model</c> or <c>cues</c> (loads the model if it is not yet).</summary>
    public string Source => _model.Value is null ? "cues" : "model";

    /// <summary>Classifies one user message.</summary>
    public Intent Classify(string text) => _model.Value?.Classify(text) ?? _cues.Classify(text);
}
