namespace Conversations.Grains.Interfaces.Model;

/// <summary>A conversation waiting for, or held by, a person.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Reason">Why it was handed off (the <c>system/handoff</c> frame's <c>reason</c>).</param>
/// <param name="Since">When it was handed off.</param>
/// <param name="LastUserMessage">The user's latest message, if known.</param>
/// <param name="LastUserMessageAt">When the user sent it.</param>
/// <param name="TakenBy">The operator who took it over, if one has.</param>
/// <param name="TakenAt">When they did.</param>
[GenerateSerializer, Immutable, Alias("conversations.handoff-entry.v1")]
public sealed record HandoffEntry(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] string? LastUserMessage,
    [property: Id(4)] DateTimeOffset? LastUserMessageAt,
    [property: Id(5)] OperatorIdentity? TakenBy = null,
    [property: Id(6)] DateTimeOffset? TakenAt = null);
