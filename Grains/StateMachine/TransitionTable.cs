using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.StateMachine;

/// <summary>
/// The one table of allowed transitions. Staying in the same state is always allowed; everything not listed
/// here is refused.
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

        // The user asked about price while hearing the value.
        (ConversationState.ValueProposition, ConversationState.PriceNegotiation),
    ];

    /// <summary>Every edge of the table, staying put excluded.</summary>
    public static IReadOnlyCollection<(ConversationState From, ConversationState To)> AllEdges => Edges;

    /// <summary>Whether the table allows moving from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(ConversationState from, ConversationState to) =>
        from == to || Edges.Contains((from, to));
}
