using Conversations.Grains.Intelligence;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Responders;

namespace Conversations.Grains.Tests.Engine;

public sealed class OfflineResponderIntelligenceTests
{
    private readonly OfflineResponder _responder = new();

    [Fact]
    public void AGivenTeamSizeGetsAQuoteInsteadOfTheQuestionAgain()
    {
        var reply = _responder.Compose(Context(ConversationState.PriceNegotiation, IntentNames.Pricing) with { TeamSize = 12 });
        Assert.Contains("12 people", reply, StringComparison.Ordinal);
        Assert.Contains("$348", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadAnswerIsAskedAgainWithThePrompt()
    {
        var reply = _responder.Compose(Context(ConversationState.ClosingAttempt, IntentNames.Unknown) with { Reask = InterruptPlanner.EmailRequest });
        Assert.StartsWith("That doesn't look like an e-mail address", reply, StringComparison.Ordinal);
        Assert.Contains(InterruptPlanner.EmailRequest.Prompt, reply, StringComparison.Ordinal);
    }

    [Fact]
    public void AHandOffReplySaysAPersonIsComing() =>
        Assert.Contains("member of our team", _responder.Compose(Context(ConversationState.PostPurchase, IntentNames.HumanRequest) with { HandingOff = true }), StringComparison.Ordinal);

    [Fact]
    public void WarmerTonesOpenWithAnAcknowledgementUnlessTheReplyAlreadyApologises()
    {
        var empathetic = _responder.Compose(Context(ConversationState.ValueProposition, IntentNames.Question) with { Tone = Tone.Empathetic });
        var helpful = _responder.Compose(Context(ConversationState.ValueProposition, IntentNames.Question));
        var alreadySorry = _responder.Compose(Context(ConversationState.PostPurchase, IntentNames.NotWorking) with { Tone = Tone.Empathetic });

        Assert.StartsWith("I can see this is frustrating", empathetic, StringComparison.Ordinal);
        Assert.DoesNotContain("frustrating", helpful, StringComparison.Ordinal);
        Assert.DoesNotContain("I can see this is frustrating", alreadySorry, StringComparison.Ordinal);
    }

    private static ReplyContext Context(ConversationState state, string intent) =>
        new("c-1", 1, "a message", null, new Intent(intent, 0.9), state, state, [], string.Empty, 280);
}
