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

    public static TheoryData<ConversationState> EveryState() => new(Enum.GetValues<ConversationState>());
}
