namespace Conversations.Grains.Interfaces.Model;

/// <summary>One transition of a conversation's state machine.</summary>
/// <param name="From">The state left.</param>
/// <param name="To">The state entered.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="Turn">The turn that caused it.</param>
/// <param name="At">When.</param>
[GenerateSerializer, Immutable, Alias("conversations.state-change.v1")]
public sealed record StateChange(
    [property: Id(0)] ConversationState From,
    [property: Id(1)] ConversationState To,
    [property: Id(2)] string Reason,
    [property: Id(3)] int Turn,
    [property: Id(4)] DateTimeOffset At);
