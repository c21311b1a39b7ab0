using Conversations.Grains.Interfaces.Model;

namespace Conversations.IntentEval;

/// <summary>One user message of a journey.</summary>
/// <param name="Text">What the user writes.</param>
/// <param name="Intent">The intent it should be understood as.</param>
/// <param name="State">The state the conversation should be in after it.</param>
public sealed record JourneyTurn(string Text, string Intent, ConversationState State);
