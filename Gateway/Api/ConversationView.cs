using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Api;

/// <summary>The answer to <c>GET /conversations/{id}</c>.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="UserId">Its owner, when known.</param>
/// <param name="State">Its state.</param>
/// <param name="PreviousState">The state before the last transition.</param>
/// <param name="History">The latest state transitions, oldest first.</param>
/// <param name="Checkpoint">The checkpoint's snapshot: summary, recent turns, counters, signals.</param>
/// <param name="Feedback">Ratings given to its turns.</param>
public sealed record ConversationView(
    string ConversationId,
    string? UserId,
    ConversationState State,
    ConversationState? PreviousState,
    IReadOnlyList<StateChange> History,
    ConversationSnapshot Checkpoint,
    IReadOnlyList<TurnFeedback> Feedback);
