namespace Conversations.Grains.Conversation.Changes;

/// <summary>Work on a pending turn began (its <c>system/processing</c> frame went into the log): one attempt more.</summary>
/// <param name="At">When it began.</param>
/// <param name="Turn">The turn.</param>
[GenerateSerializer, Immutable, Alias("conversations.change.turn-started.v1")]
public sealed record TurnStarted(DateTimeOffset At, [property: Id(0)] int Turn) : ConversationChange(At);
