using Conversations.Grains.Interfaces.Model;

namespace Conversations.IntentEval;

/// <summary>One user message of a labelled set, with the intent and the next state it should lead to.</summary>
/// <param name="Text">What the user wrote.</param>
/// <param name="State">The conversation's state when it arrives.</param>
/// <param name="Intent">The expected intent.</param>
/// <param name="NextState">The expected state after the turn.</param>
/// <param name="HeldOut">
/// The message belongs to a set that nothing is trained or tuned on (the test split, the fresh set): its
/// mistakes are counted but never listed.
/// </param>
public sealed record LabelledMessage(string Text, ConversationState State, string Intent, ConversationState NextState, bool HeldOut);
