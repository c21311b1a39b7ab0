namespace Conversations.Grains.Interfaces.Model;

/// <summary>The wire names of <see cref="ConversationState"/>, as frames carry them.</summary>
public static class ConversationStateNames
{
    /// <summary>The snake_case name of a state (for example <c>price_negotiation</c>).</summary>
    public static string ToWireName(this ConversationState state) => state switch
    {
        ConversationState.InitialContact => "initial_contact",
        ConversationState.InterestQualification => "interest_qualification",
        ConversationState.ValueProposition => "value_proposition",
        ConversationState.ObjectionHandling => "objection_handling",
        ConversationState.PriceNegotiation => "price_negotiation",
        ConversationState.ClosingAttempt => "closing_attempt",
        ConversationState.PostPurchase => "post_purchase",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a conversation state."),
    };

    /// <summary>Reads a state from its snake_case name.</summary>
    public static bool TryParse(string? name, out ConversationState state)
    {
        foreach (var candidate in Enum.GetValues<ConversationState>())
        {
            if (string.Equals(candidate.ToWireName(), name, StringComparison.Ordinal))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }
}
