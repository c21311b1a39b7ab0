using Conversations.Grains.Interfaces.Model;

namespace Conversations.IntentEval;

/// <summary>One user message of the labelled set, with the intent and the next state it should lead to.</summary>
/// <param name="Text">What the user wrote.</param>
/// <param name="State">The conversation's state when it arrives.</param>
/// <param name="Intent">The expected intent.</param>
/// <param name="NextState">The expected state after the turn.</param>
/// <param name="HeldOut">
/// Every fifth message is held out: the classifier's cues were improved looking only at mistakes on the
/// others, so the held-out accuracy shows how well the cues generalise.
/// </param>
public sealed record LabelledMessage(string Text, ConversationState State, string Intent, ConversationState NextState, bool HeldOut);
