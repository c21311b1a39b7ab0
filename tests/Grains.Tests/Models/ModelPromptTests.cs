using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Responders;
using Conversations.Grains.Responders.Models;
using Microsoft.Extensions.AI;

namespace Conversations.Grains.Tests.Models;

public sealed class ModelPromptTests
{
    [Fact]
    public void PromptHasTheStateTheLimitTheUserAndTheSummaryThenRecentTurnsThenTheMessage()
    {
        TurnSummary[] recent =
        [
            new(1, "hi", "Hello! What brings you here?", ConversationState.InitialContact, ConversationState.InitialContact, new Intent(IntentNames.Greeting, 0.5), 10, false),
        ];
        var context = new ReplyContext(
            "c1", 2, "how much is it?", "Ana", new Intent(IntentNames.Pricing, 0.9),
            ConversationState.PriceNegotiation, ConversationState.ValueProposition, recent, "Earlier: asked about reports.", 200);

        var messages = ModelPrompt.Build(context);

        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], messages.Select(m => m.Role));
        var system = messages[0].Text;
        Assert.Contains("price_negotiation", system, StringComparison.Ordinal);
        Assert.Contains("$29 per user", system, StringComparison.Ordinal);
        Assert.Contains("at most 200 characters", system, StringComparison.Ordinal);
        Assert.Contains("Ana", system, StringComparison.Ordinal);
        Assert.Contains("asked about reports", system, StringComparison.Ordinal);
        Assert.Contains("pricing", system, StringComparison.Ordinal);
        Assert.Equal("hi", messages[1].Text);
        Assert.Equal("Hello! What brings you here?", messages[2].Text);
        Assert.Equal("how much is it?", messages[3].Text);
    }

    [Theory]
    [MemberData(nameof(EveryState))]
    public void EveryStateHasItsOwnGuidance(ConversationState state)
    {
        var context = new ReplyContext("c1", 1, "hello", null, new Intent(IntentNames.Greeting, 0.5), state, state, [], string.Empty, 280);

        var system = ModelPrompt.Build(context)[0].Text;

        Assert.Contains(state.ToWireName(), system, StringComparison.Ordinal);
        var others = Enum.GetValues<ConversationState>().Where(s => s != state)
            .Select(s => ModelPrompt.Build(context with { State = s })[0].Text);
        Assert.DoesNotContain(system, others);
    }

    [Fact]
    public void ThePromptCarriesTheKnowledgeArticlesAndWhatTheUserSaidAboutThemselves()
    {
        var article = Grains.Knowledge.KnowledgeSource.Shipped.Articles.Single(a => a.Id == "kb-050");
        var signals = Grains.Intelligence.ConversationSignals.Initial with { TeamSize = 6, Need = "Instagram DMs" };
        var context = new ReplyContext("c1", 1, "how do I connect Instagram?", null, new Intent(IntentNames.Question, 0.9), ConversationState.PostPurchase, ConversationState.PostPurchase, [], string.Empty, 280, Signals: signals);

        var system = ModelPrompt.Build(context, [article])[0].Text;

        Assert.Contains("[kb-050]", system, StringComparison.Ordinal);
        Assert.Contains(article.Answer, system, StringComparison.Ordinal);
        Assert.Contains("6 people", system, StringComparison.Ordinal);
        Assert.Contains("Instagram DMs", system, StringComparison.Ordinal);
        Assert.DoesNotContain("[kb-", ModelPrompt.Build(context)[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AFrustratedUserWhoseFixFailedGetsTheSupportPersonaAnEmpatheticToneAndADifferentFix()
    {
        var article = Grains.Knowledge.KnowledgeSource.Shipped.Articles.Single(a => a.Id == "kb-051");
        var signals = Grains.Intelligence.ConversationSignals.Initial with { Frustration = 7, FailedAttempts = 1, Tone = Tone.Empathetic, Persona = Persona.TechSupport };
        var context = Context("still not working!!") with { Persona = Persona.TechSupport, Tone = Tone.Empathetic, Signals = signals };

        var system = ModelPrompt.Build(context, [article])[0].Text;

        Assert.Contains(ModelPromptGuidance.ByPersona[Persona.TechSupport], system, StringComparison.Ordinal);
        Assert.Contains("acknowledge how they feel in your first sentence", system, StringComparison.Ordinal);
        Assert.Contains("frustration is 7 out of 10", system, StringComparison.Ordinal);
        Assert.Contains("the previous fix did not work: do not repeat it; offer a different one", system, StringComparison.Ordinal);
        Assert.Contains("[kb-051]", system, StringComparison.Ordinal);
        Assert.Contains("1) " + article.Fixes![0], system, StringComparison.Ordinal);
        Assert.Contains("2) " + article.Fixes[1], system, StringComparison.Ordinal);
    }

    [Fact]
    public void ACalmUserGetsTheHelpfulToneAndNoWordOfFrustrationOrFailedFixes()
    {
        var system = ModelPrompt.Build(Context("does it integrate with Slack?") with { Persona = Persona.Sales, Signals = Grains.Intelligence.ConversationSignals.Initial })[0].Text;

        Assert.Contains(ModelPromptGuidance.ByPersona[Persona.Sales], system, StringComparison.Ordinal);
        Assert.Contains(ModelPromptGuidance.ByTone[Tone.Helpful], system, StringComparison.Ordinal);
        Assert.DoesNotContain("frustration", system, StringComparison.Ordinal);
        Assert.DoesNotContain("did not work", system, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedFailedFixesOfferAPersonAndAHandOverSaysSo()
    {
        var signals = Grains.Intelligence.ConversationSignals.Initial with { Frustration = 9, FailedAttempts = 3 };
        var repeated = ModelPrompt.Build(Context("still broken") with { Signals = signals })[0].Text;
        var handingOff = ModelPrompt.Build(Context("I want a person") with { Tone = Tone.EmpatheticEscalation, HandingOff = true })[0].Text;

        Assert.Contains("3 fixes in a row did not work", repeated, StringComparison.Ordinal);
        Assert.Contains("or a person from the team", repeated, StringComparison.Ordinal);
        Assert.Contains("hands the conversation to a person", handingOff, StringComparison.Ordinal);
        Assert.Contains(ModelPromptGuidance.ByTone[Tone.EmpatheticEscalation], handingOff, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAnswerThatWasNotValidIsAskedForAgain()
    {
        var reask = new WaitingForInput("What is your work e-mail address?", "email", "create the account", []);

        var system = ModelPrompt.Build(Context("ana at acme") with { Reask = reask })[0].Text;

        Assert.Contains("not a valid email", system, StringComparison.Ordinal);
        Assert.Contains("What is your work e-mail address?", system, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryPersonaAndTone))]
    public void EveryPersonaAndToneHasItsOwnGuidance(Persona persona, Tone tone)
    {
        var system = ModelPrompt.Build(Context("hello") with { Persona = persona, Tone = tone })[0].Text;

        Assert.Contains(ModelPromptGuidance.ByPersona[persona], system, StringComparison.Ordinal);
        Assert.Contains(ModelPromptGuidance.ByTone[tone], system, StringComparison.Ordinal);
        Assert.Equal(Enum.GetValues<Persona>().Length, ModelPromptGuidance.ByPersona.Values.Distinct().Count());
        Assert.Equal(Enum.GetValues<Tone>().Length, ModelPromptGuidance.ByTone.Values.Distinct().Count());
    }

    public static TheoryData<Persona, Tone> EveryPersonaAndTone()
    {
        var data = new TheoryData<Persona, Tone>();
        foreach (var persona in Enum.GetValues<Persona>())
        {
            foreach (var tone in Enum.GetValues<Tone>())
            {
                data.Add(persona, tone);
            }
        }

        return data;
    }

    private static ReplyContext Context(string message) =>
        new("c1", 2, message, null, new Intent(IntentNames.NotWorking, 0.9), ConversationState.PostPurchase, ConversationState.PostPurchase, [], string.Empty, 280);

    public static TheoryData<ConversationState> EveryState() => new(Enum.GetValues<ConversationState>());
}
