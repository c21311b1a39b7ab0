using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.StateMachine;

namespace Conversations.Grains.Tests.Engine;

public sealed class TransitionTableTests
{
    // The table as protocol.md gives it.
    public static TheoryData<ConversationState, ConversationState> ProtocolEdges => new()
    {
        { ConversationState.InitialContact, ConversationState.InterestQualification },
        { ConversationState.InterestQualification, ConversationState.ValueProposition },
        { ConversationState.ValueProposition, ConversationState.ObjectionHandling },
        { ConversationState.ObjectionHandling, ConversationState.PriceNegotiation },
        { ConversationState.PriceNegotiation, ConversationState.ClosingAttempt },
        { ConversationState.ClosingAttempt, ConversationState.PostPurchase },
        { ConversationState.ObjectionHandling, ConversationState.ValueProposition },
        { ConversationState.PriceNegotiation, ConversationState.ValueProposition },
        { ConversationState.ClosingAttempt, ConversationState.ObjectionHandling },
        { ConversationState.PostPurchase, ConversationState.InitialContact },
        { ConversationState.ValueProposition, ConversationState.PriceNegotiation },
    };

    // What this table adds to the protocol's, each documented in docs/intelligence.md.
    public static TheoryData<ConversationState, ConversationState> AddedEdges => new()
    {
        { ConversationState.InitialContact, ConversationState.PriceNegotiation },
        { ConversationState.InterestQualification, ConversationState.PriceNegotiation },
        { ConversationState.ClosingAttempt, ConversationState.PriceNegotiation },
        { ConversationState.InitialContact, ConversationState.ObjectionHandling },
        { ConversationState.InterestQualification, ConversationState.ObjectionHandling },
        { ConversationState.InitialContact, ConversationState.ClosingAttempt },
        { ConversationState.InterestQualification, ConversationState.ClosingAttempt },
        { ConversationState.ValueProposition, ConversationState.ClosingAttempt },
        { ConversationState.ObjectionHandling, ConversationState.ClosingAttempt },
        { ConversationState.InitialContact, ConversationState.PostPurchase },
        { ConversationState.InterestQualification, ConversationState.PostPurchase },
        { ConversationState.ValueProposition, ConversationState.PostPurchase },
        { ConversationState.ObjectionHandling, ConversationState.PostPurchase },
        { ConversationState.PriceNegotiation, ConversationState.PostPurchase },
    };

    [Theory]
    [MemberData(nameof(ProtocolEdges))]
    public void EveryProtocolEdgeIsAllowed(ConversationState from, ConversationState to) =>
        Assert.True(TransitionTable.IsAllowed(from, to));

    [Fact]
    public void TableHasExactlyTheProtocolEdgesAndTheDocumentedAdditions()
    {
        var expected = ProtocolEdges.Concat(AddedEdges).Select(row => ((ConversationState)row[0], (ConversationState)row[1])).ToHashSet();
        Assert.Equal(expected.Count, TransitionTable.AllEdges.Count);
        Assert.All(TransitionTable.AllEdges, edge => Assert.Contains(edge, expected));
    }

    [Fact]
    public void StayingInTheSameStateIsAlwaysAllowed() =>
        Assert.All(Enum.GetValues<ConversationState>(), state => Assert.True(TransitionTable.IsAllowed(state, state)));

    [Theory]
    [InlineData(ConversationState.PostPurchase, ConversationState.PriceNegotiation)]
    [InlineData(ConversationState.PostPurchase, ConversationState.ClosingAttempt)]
    [InlineData(ConversationState.ClosingAttempt, ConversationState.InitialContact)]
    [InlineData(ConversationState.PriceNegotiation, ConversationState.InterestQualification)]
    [InlineData(ConversationState.ValueProposition, ConversationState.InitialContact)]
    public void TransitionsNotInTheTableAreRefused(ConversationState from, ConversationState to)
    {
        Assert.False(TransitionTable.IsAllowed(from, to));
        var decision = ConversationStateMachine.Decide(from, to, "test");
        Assert.True(decision.Refused);
        Assert.Equal(from, decision.To);
        Assert.False(decision.Changes);
    }
}
