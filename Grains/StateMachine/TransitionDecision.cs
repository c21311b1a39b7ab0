using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.StateMachine;

/// <summary>Where a turn takes the conversation.</summary>
/// <param name="From">The state before the turn.</param>
/// <param name="To">The state after the turn (equal to <paramref name="From"/> when refused).</param>
/// <param name="Requested">The state the turn asked for.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record TransitionDecision(
    ConversationState From,
    ConversationState To,
    ConversationState Requested,
    string Reason)
{
    /// <summary>The turn asked for a transition that the table does not allow.</summary>
    public bool Refused => Requested != To;

    /// <summary>The conversation moves to another state.</summary>
    public bool Changes => From != To;
}
