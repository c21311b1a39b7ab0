using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.StateMachine;

namespace Conversations.Grains.Tests.Engine;

public sealed class ConversationStateMachineTests
{
    private readonly ConversationStateMachine _machine = new();

    [Theory]
    [InlineData(ConversationState.InitialContact, IntentNames.Interest, ConversationState.InterestQualification)]
    [InlineData(ConversationState.InterestQualification, IntentNames.Question, ConversationState.ValueProposition)]
    [InlineData(ConversationState.ValueProposition, IntentNames.Objection, ConversationState.ObjectionHandling)]
    [InlineData(ConversationState.ValueProposition, IntentNames.Pricing, ConversationState.PriceNegotiation)]
    [InlineData(ConversationState.ObjectionHandling, IntentNames.Affirmation, ConversationState.PriceNegotiation)]
    [InlineData(ConversationState.ObjectionHandling, IntentNames.Interest, ConversationState.ValueProposition)]
    [InlineData(ConversationState.PriceNegotiation, IntentNames.Purchase, ConversationState.ClosingAttempt)]
    [InlineData(ConversationState.PriceNegotiation, IntentNames.Objection, ConversationState.ValueProposition)]
    [InlineData(ConversationState.ClosingAttempt, IntentNames.Purchase, ConversationState.PostPurchase)]
    [InlineData(ConversationState.ClosingAttempt, IntentNames.Objection, ConversationState.ObjectionHandling)]
    [InlineData(ConversationState.PostPurchase, IntentNames.Greeting, ConversationState.InitialContact)]
    public void IntentMovesTheConversationAlongTheTable(ConversationState from, string intent, ConversationState expected)
    {
        var decision = _machine.Decide(from, new Intent(intent, 0.9));
        Assert.Equal(expected, decision.To);
        Assert.False(decision.Refused);
    }

    [Fact]
    public void AskingForThePriceAtFirstContactIsRefusedAndStays()
    {
        var decision = _machine.Decide(ConversationState.InitialContact, new Intent(IntentNames.Pricing, 0.9));
        Assert.True(decision.Refused);
        Assert.Equal(ConversationState.PriceNegotiation, decision.Requested);
        Assert.Equal(ConversationState.InitialContact, decision.To);
    }

    [Theory]
    [InlineData(IntentNames.SupportProblem)]
    [InlineData(IntentNames.Billing)]
    [InlineData(IntentNames.SmallTalk)]
    [InlineData(IntentNames.Unknown)]
    public void IntentsOutsideTheSaleKeepTheState(string intent)
    {
        var decision = _machine.Decide(ConversationState.ValueProposition, new Intent(intent, 0.8));
        Assert.Equal(ConversationState.ValueProposition, decision.To);
        Assert.False(decision.Refused);
    }
}
