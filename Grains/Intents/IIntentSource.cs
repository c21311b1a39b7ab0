using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intents;

/// <summary>Decides what a user message is about, for the state machine to act on.</summary>
public interface IIntentSource
{
    /// <summary>
    /// The intent of <paramref name="message"/>, said in <paramref name="state"/>. Never fails: a source that
    /// cannot decide (including when cancelled) answers with the local classifier's verdict.
    /// </summary>
    ValueTask<Intent> ClassifyAsync(string message, ConversationState state, CancellationToken cancellationToken);
}
