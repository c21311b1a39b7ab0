using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.StateMachine;

/// <summary>
/// Decides the next state from the current one and the user's intent. The intent only requests a state;
/// <see cref="TransitionTable"/> has the last word.
/// </summary>
public sealed class ConversationStateMachine
{
    /// <summary>Decides where a turn with <paramref name="intent"/> takes a conversation in <paramref name="current"/>.</summary>
    public TransitionDecision Decide(ConversationState current, Intent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var requested = Request(current, intent.Name);
        return Decide(current, requested, $"intent {intent.Name}");
    }

    /// <summary>Checks a requested transition against the table (used for transitions a model proposes).</summary>
    public static TransitionDecision Decide(ConversationState current, ConversationState requested, string reason) =>
        TransitionTable.IsAllowed(current, requested)
            ? new TransitionDecision(current, requested, requested, reason)
            : new TransitionDecision(current, current, requested, reason);

    private static ConversationState Request(ConversationState current, string intent) => intent switch
    {
        IntentNames.Interest or IntentNames.Question or IntentNames.Affirmation => Advance(current, intent),

        // A customer's price question is about their bill, a doubt about something they already use, and
        // more seats a change to their plan: each is answered where they are.
        IntentNames.Pricing or IntentNames.Objection or IntentNames.Purchase when current == ConversationState.PostPurchase => current,
        IntentNames.Pricing => ConversationState.PriceNegotiation,
        IntentNames.Objection => current == ConversationState.PriceNegotiation
            ? ConversationState.ValueProposition
            : ConversationState.ObjectionHandling,
        IntentNames.Purchase => current == ConversationState.ClosingAttempt
            ? ConversationState.PostPurchase
            : ConversationState.ClosingAttempt,
        IntentNames.PurchaseConfirmed => ConversationState.PostPurchase,

        // Only customers have an account that breaks or a bill to ask about.
        IntentNames.SupportProblem or IntentNames.Billing or IntentNames.NotWorking when current == ConversationState.InitialContact
            => ConversationState.PostPurchase,
        _ => current,
    };

    // Interest, questions and agreement move the conversation one step along the sale.
    private static ConversationState Advance(ConversationState current, string intent) => current switch
    {
        ConversationState.InitialContact => ConversationState.InterestQualification,
        ConversationState.InterestQualification => ConversationState.ValueProposition,
        ConversationState.ObjectionHandling when intent == IntentNames.Affirmation => ConversationState.PriceNegotiation,
        ConversationState.ObjectionHandling => ConversationState.ValueProposition,
        ConversationState.PriceNegotiation when intent == IntentNames.Affirmation => ConversationState.ClosingAttempt,
        ConversationState.ClosingAttempt when intent == IntentNames.Affirmation => ConversationState.PostPurchase,
        ConversationState.PostPurchase when intent == IntentNames.Interest => ConversationState.InitialContact,
        _ => current,
    };
}
