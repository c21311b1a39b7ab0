namespace Conversations.Grains.Interfaces.Model;

/// <summary>What the HTTP API shows of a conversation: its snapshot, owner, transitions and ratings.</summary>
/// <param name="Snapshot">State, recent turns and summary, as a reconnecting client would get them.</param>
/// <param name="UserId">The conversation's owner, when it has one.</param>
/// <param name="Exists">Whether the conversation was ever created (claimed or talked to).</param>
/// <param name="Transitions">The latest state transitions, oldest first.</param>
/// <param name="Feedback">The ratings given to its turns, by turn.</param>
[GenerateSerializer, Immutable, Alias("conversations.details.v1")]
public sealed record ConversationDetails(
    [property: Id(0)] ConversationSnapshot Snapshot,
    [property: Id(1)] string? UserId,
    [property: Id(2)] bool Exists,
    [property: Id(3)] IReadOnlyList<StateChange> Transitions,
    [property: Id(4)] IReadOnlyList<TurnFeedback> Feedback);
