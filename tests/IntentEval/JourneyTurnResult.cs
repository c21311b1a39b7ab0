using Conversations.Grains.Interfaces.Model;

namespace Conversations.IntentEval;

/// <summary>What the engine did with one journey turn.</summary>
/// <param name="Expected">The scripted turn.</param>
/// <param name="Intent">The intent the turn was understood as (after any interrupt answer).</param>
/// <param name="State">The state after the turn.</param>
/// <param name="Reply">The reply; empty when a person has the conversation.</param>
/// <param name="ArticleId">The knowledge article the reply used, if any.</param>
/// <param name="Waiting">What the conversation waits for after the turn, if anything.</param>
/// <param name="Frustration">The frustration after the turn.</param>
/// <param name="HandedOff">The conversation is with a person after this turn.</param>
public sealed record JourneyTurnResult(
    JourneyTurn Expected,
    Intent Intent,
    ConversationState State,
    string Reply,
    string? ArticleId,
    string? Waiting,
    int Frustration,
    bool HandedOff)
{
    /// <summary>The turn ended in the expected state.</summary>
    public bool StateRight => State == Expected.State;

    /// <summary>The turn was understood as the expected intent.</summary>
    public bool IntentRight => Intent.Name == Expected.Intent;
}
