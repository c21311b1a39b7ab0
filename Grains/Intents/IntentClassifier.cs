using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intents;

/// <summary>
/// The local classifier the conversation uses: the learned <see cref="IntentModel"/> when the embedding model is
/// loaded, else the <see cref="CueIntentClassifier"/> alone. Fast (a few milliseconds, no I/O) and thread-safe.
/// </summary>
public sealed class IntentClassifier
{
    private readonly CueIntentClassifier _cues;
    private readonly IntentModel? _model;

    /// <summary>The cue classifier alone.</summary>
    public IntentClassifier()
        : this(new CueIntentClassifier(), null)
    {
    }

    /// <summary>The learned model, or the cues when <paramref name="model"/> is <see langword="null"/>.</summary>
    public IntentClassifier(CueIntentClassifier cues, IntentModel? model)
    {
        ArgumentNullException.ThrowIfNull(cues);
        _cues = cues;
        _model = model;
    }

    /// <summary>What decides: <c>model</c> or <c>cues</c>.</summary>
    public string Source => _model is null ? "cues" : "model";

    /// <summary>Classifies one user message.</summary>
    public Intent Classify(string text) => _model?.Classify(text) ?? _cues.Classify(text);
}
