using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.StateMachine;

/// <summary>
/// The one table of allowed transitions. Staying in the same state is always allowed; everything not listed
/// here is refused. Each edge says when a salesperson would take it; docs/intelligence.md lists them too.
/// </summary>
public static class TransitionTable
{
    private static readonly HashSet<(ConversationState From, ConversationState To)> Edges =
    [
        // The main path of a sale.
        (ConversationState.InitialContact, ConversationState.InterestQualification),
        (ConversationState.InterestQualification, ConversationState.ValueProposition),
        (ConversationState.ValueProposition, ConversationState.ObjectionHandling),
        (ConversationState.ObjectionHandling, ConversationState.PriceNegotiation),
        (ConversationState.PriceNegotiation, ConversationState.ClosingAttempt),
        (ConversationState.ClosingAttempt, ConversationState.PostPurchase),

        // Back edges.
        (ConversationState.ObjectionHandling, ConversationState.ValueProposition),
        (ConversationState.PriceNegotiation, ConversationState.ValueProposition),
        (ConversationState.ClosingAttempt, ConversationState.ObjectionHandling),
        (ConversationState.PostPurchase, ConversationState.InitialContact),

        // A price question is answered with the price wherever the sale is, before the purchase.
        (ConversationState.InitialContact, ConversationState.PriceNegotiation),
        (ConversationState.InterestQualification, ConversationState.PriceNegotiation),
        (ConversationState.ValueProposition, ConversationState.PriceNegotiation),
        (ConversationState.ClosingAttempt, ConversationState.PriceNegotiation),

        // A doubt is answered as a doubt as soon as it is raised.
        (ConversationState.InitialContact, ConversationState.ObjectionHandling),
        (ConversationState.InterestQualification, ConversationState.ObjectionHandling),

        // Someone who wants to buy is not made to sit through the rest of the pitch.
        (ConversationState.InitialContact, ConversationState.ClosingAttempt),
        (ConversationState.InterestQualification, ConversationState.ClosingAttempt),
        (ConversationState.ValueProposition, ConversationState.ClosingAttempt),
        (ConversationState.ObjectionHandling, ConversationState.ClosingAttempt),

        // Someone who has bought (or, from the first message, writes as a customer) is a customer.
        (ConversationState.InitialContact, ConversationState.PostPurchase),
        (ConversationState.InterestQualification, ConversationState.PostPurchase),
        (ConversationState.ValueProposition, ConversationState.PostPurchase),
        (ConversationState.ObjectionHandling, ConversationState.PostPurchase),
        (ConversationState.PriceNegotiation, ConversationState.PostPurchase),
    ];

    /// <summary>Every edge of the table, staying put excluded.</summary>
    public static IReadOnlyCollection<(ConversationState From, ConversationState To)> AllEdges => Edges;

    /// <summary>Whether the table allows moving from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(ConversationState from, ConversationState to) =>
        from == to || Edges.Contains((from, to));
}
