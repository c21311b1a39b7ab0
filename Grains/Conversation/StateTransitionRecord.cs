using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation;

/// <summary>One transition of the state machine.</summary>
[GenerateSerializer, Immutable, Alias("conversations.state-transition.v1")]
public sealed record StateTransitionRecord(
    [property: Id(0)] ConversationState From,
    [property: Id(1)] ConversationState To,
    [property: Id(2)] string Reason,
    [property: Id(3)] int Turn,
    [property: Id(4)] DateTimeOffset At);
