using Conversations.Grains.Intelligence;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Settings;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class ConversationIntelligenceTests
{
    private readonly IntentClassifier _classifier = new();
    private readonly ConversationIntelligence _intelligence = new(
        new FrustrationMeter(),
        new ToneSelector(),
        new EscalationEstimator(),
        new PersonaRouter(),
        new ConversionEstimator(),
        new InterruptPlanner(),
        new InputValidator(),
        new SlotExtractor(),
        new FixedOptionsMonitor<IntelligenceOptions>(new IntelligenceOptions()));

    [Fact]
    public void AValidAnswerIsKeptAndStandsForTheIntentThatMovesTheSaleOn()
    {
        var insight = Assess(ConversationSignals.Initial, InterruptPlanner.EmailRequest, "it's bo@acme.io");
        Assert.Equal(IntentNames.Purchase, insight.Intent.Name);
        Assert.Equal("bo@acme.io", insight.Signals.Email);
        Assert.Null(insight.Reask);
        Assert.Null(_intelligence.NextInterrupt(insight, ConversationState.PostPurchase, insight.Signals));
    }

    [Theory]
    [InlineData("bo at acme")]
    [InlineData("yes let's do it")]
    public void ABadAnswerIsAskedAgain(string text)
    {
        var insight = Assess(ConversationSignals.Initial, InterruptPlanner.EmailRequest, text);
        Assert.Same(InterruptPlanner.EmailRequest, insight.Reask);
        Assert.Same(InterruptPlanner.EmailRequest, _intelligence.NextInterrupt(insight, ConversationState.ClosingAttempt, insight.Signals));
    }

    [Fact]
    public void AMessageClearlyAboutSomethingElseDropsTheInterrupt()
    {
        var insight = Assess(ConversationSignals.Initial, InterruptPlanner.EmailRequest, "Hold on, that's too expensive for us");
        Assert.Equal(IntentNames.Objection, insight.Intent.Name);
        Assert.Null(insight.Reask);
        Assert.Null(_intelligence.NextInterrupt(insight, ConversationState.ObjectionHandling, insight.Signals));
    }

    [Fact]
    public void PricingWithoutATeamSizeAsksForOne()
    {
        var insight = Assess(ConversationSignals.Initial, null, "How much does it cost?");
        Assert.Same(InterruptPlanner.TeamSizeRequest, _intelligence.NextInterrupt(insight, ConversationState.PriceNegotiation, insight.Signals));
        var known = insight.Signals with { TeamSize = 12 };
        Assert.Null(_intelligence.NextInterrupt(insight, ConversationState.PriceNegotiation, known));
    }

    [Fact]
    public void RepeatedFailedFixesFromAnAngryUserHandTheConversationOver()
    {
        var signals = ConversationSignals.Initial;
        TurnInsight insight = null!;
        foreach (var text in new[] { "That didn't help", "STILL NOT WORKING!!!", "this is useless, still broken!!" })
        {
            insight = Assess(signals, null, text);
            signals = _intelligence.Conclude(insight, ConversationState.PostPurchase);
        }

        Assert.Equal(3, signals.FailedAttempts);
        Assert.Equal(ConversationIntelligence.ThresholdReason, insight.HandoffReason);
        Assert.True(signals.HandedOff);
        Assert.Equal(Tone.EmpatheticEscalation, signals.Tone);
        Assert.Equal(Persona.TechSupport, signals.Persona);
    }

    [Fact]
    public void AskingForAPersonHandsOverAtOnceAndDropsAnyInterrupt()
    {
        var insight = Assess(ConversationSignals.Initial, InterruptPlanner.EmailRequest, "Can I talk to a real person please");
        Assert.Equal(ConversationIntelligence.UserAskedReason, insight.HandoffReason);
        Assert.Null(_intelligence.NextInterrupt(insight, ConversationState.ClosingAttempt, insight.Signals));
    }

    [Fact]
    public void AgreementClearsFailedAttempts()
    {
        var insight = Assess(ConversationSignals.Initial with { FailedAttempts = 2 }, null, "Yes, that fixed it, thanks");
        Assert.Equal(0, insight.Signals.FailedAttempts);
    }

    private TurnInsight Assess(ConversationSignals signals, WaitingForInput? waiting, string text) =>
        _intelligence.Assess(signals, waiting, text, _classifier.Classify(text));
}
