using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intelligence;

/// <summary>
/// The probability that a conversation ends in a purchase, updated every turn: half the previous estimate,
/// half a target made of where the sale stands (its state), what the user just said (the intent) and how
/// frustrated they are. A conversation that reached <see cref="ConversationState.PostPurchase"/> has converted.
/// </summary>
public sealed class ConversionEstimator
{
    /// <summary>The estimate before the first turn.</summary>
    public const double Initial = 0.05;

    /// <summary>The estimate after a turn.</summary>
    public double Update(double previous, ConversationState state, string intent, int frustration)
    {
        if (state == ConversationState.PostPurchase)
        {
            return 1;
        }

        var target = Math.Clamp(Prior(state) + Nudge(intent) - (0.02 * frustration), 0.01, 0.99);
        return Math.Round((0.5 * previous) + (0.5 * target), 2);
    }

    private static double Prior(ConversationState state) => state switch
    {
        ConversationState.InitialContact => 0.05,
        ConversationState.InterestQualification => 0.15,
        ConversationState.ValueProposition => 0.3,
        ConversationState.ObjectionHandling => 0.25,
        ConversationState.PriceNegotiation => 0.45,
        ConversationState.ClosingAttempt => 0.7,
        _ => 0.05,
    };

    private static double Nudge(string intent) => intent switch
    {
        IntentNames.Purchase or IntentNames.PurchaseConfirmed => 0.15,
        IntentNames.Pricing or IntentNames.Interest or IntentNames.Affirmation => 0.05,
        IntentNames.Objection => -0.1,
        IntentNames.HumanRequest or IntentNames.SupportProblem or IntentNames.NotWorking => -0.05,
        _ => 0,
    };
}
