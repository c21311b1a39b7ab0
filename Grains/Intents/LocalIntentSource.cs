using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intents;

/// <summary>The local classifier alone: used when no model is configured or it is not asked.</summary>
public sealed class LocalIntentSource(IntentClassifier classifier) : IIntentSource
{
    /// <inheritdoc />
    public ValueTask<Intent> ClassifyAsync(string message, ConversationState state, CancellationToken cancellationToken) =>
        ValueTask.FromResult(classifier.Classify(message));
}
