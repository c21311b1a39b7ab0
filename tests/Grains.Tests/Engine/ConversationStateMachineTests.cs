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
    [InlineData(ConversationState.PostPurchase, IntentNames.Greeting, ConversationState.PostPurchase)]
    [InlineData(ConversationState.PostPurchase, IntentNames.Interest, ConversationState.InitialContact)]
    [InlineData(ConversationState.InitialContact, IntentNames.Pricing, ConversationState.PriceNegotiation)]
    [InlineData(ConversationState.InterestQualification, IntentNames.Pricing, ConversationState.PriceNegotiation)]
    [InlineData(ConversationState.ClosingAttempt, IntentNames.Pricing, ConversationState.PriceNegotiation)]
    [InlineData(ConversationState.InterestQualification, IntentNames.Objection, ConversationState.ObjectionHandling)]
    [InlineData(ConversationState.InterestQualification, IntentNames.Purchase, ConversationState.ClosingAttempt)]
    [InlineData(ConversationState.ValueProposition, IntentNames.Purchase, ConversationState.ClosingAttempt)]
    [InlineData(ConversationState.ClosingAttempt, IntentNames.PurchaseConfirmed, ConversationState.PostPurchase)]
    [InlineData(ConversationState.ValueProposition, IntentNames.PurchaseConfirmed, ConversationState.PostPurchase)]
    [InlineData(ConversationState.InitialContact, IntentNames.SupportProblem, ConversationState.PostPurchase)]
    public void IntentMovesTheConversationAlongTheTable(ConversationState from, string intent, ConversationState expected)
    {
        var decision = _machine.Decide(from, new Intent(intent, 0.9));
        Assert.Equal(expected, decision.To);
        Assert.False(decision.Refused);
    }

    [Fact]
    public void AskingACustomersPriceQuestionKeepsThemInPostPurchase()
    {
        var decision = _machine.Decide(ConversationState.PostPurchase, new Intent(IntentNames.Pricing, 0.9));
        Assert.False(decision.Refused);
        Assert.Equal(ConversationState.PostPurchase, decision.To);
    }

    [Fact]
    public void ATransitionTheTableDoesNotHaveIsRefusedAndStays()
    {
        var decision = ConversationStateMachine.Decide(ConversationState.PostPurchase, ConversationState.ClosingAttempt, "a model asked");
        Assert.True(decision.Refused);
        Assert.Equal(ConversationState.ClosingAttempt, decision.Requested);
        Assert.Equal(ConversationState.PostPurchase, decision.To);
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
