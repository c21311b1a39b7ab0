namespace Conversations.Grains.Interfaces.Model;

/// <summary>The answer to <see cref="IConversationGrain.RateTurnAsync"/>.</summary>
public enum FeedbackOutcome
{
    /// <summary>The rating is stored (replacing an earlier one for the same turn).</summary>
    Stored,

    /// <summary>The conversation has no such turn.</summary>
    UnknownTurn,

    /// <summary>The turn exists but has no answer yet.</summary>
    NotAnswered,
}
