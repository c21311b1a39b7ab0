using Conversations.Grains.Intelligence;
using Conversations.Grains.StateMachine;

namespace Conversations.Grains.Conversation.Turns;

/// <summary>How a turn is to be answered, decided before its reply is generated.</summary>
/// <param name="Pending">The turn.</param>
/// <param name="Insight">What the engine made of the message.</param>
/// <param name="Decision">Where the turn takes the state machine.</param>
public sealed record TurnPlan(PendingTurn Pending, TurnInsight Insight, TransitionDecision Decision);
