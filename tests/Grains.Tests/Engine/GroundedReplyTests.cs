using Conversations.Grains.Intelligence;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Knowledge;
using Conversations.Grains.Responders;

namespace Conversations.Grains.Tests.Engine;

public sealed class GroundedReplyTests
{
    private static readonly OfflineResponder Responder = new(new InMemoryKnowledgeBase());

    [Fact]
    public async Task AnObjectionIsAnsweredAsAnObjectionFromTheSalesArticleThatAnswersIt()
    {
        var reply = await Responder.WriteAsync(Context(ConversationState.ObjectionHandling, IntentNames.Objection, "worried it sounds robotic") with { PreviousState = ConversationState.ValueProposition }, CancellationToken.None);
        Assert.Equal("kb-011", reply.ArticleId);
        Assert.Contains("concern", reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AQuestionIsAnsweredFromTheKnowledgeBaseAndCitesTheArticle()
    {
        var reply = await Responder.WriteAsync(Context(ConversationState.PostPurchase, IntentNames.Question, "how do I invite my team?"), CancellationToken.None);
        Assert.Equal("kb-060", reply.ArticleId);
        Assert.Contains("Settings > Team", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APriceQuestionUsesTheTeamSizeTheUserMentionedEarlier()
    {
        var signals = ConversationSignals.Initial with { TeamSize = 12 };
        var reply = await Responder.WriteAsync(Context(ConversationState.PriceNegotiation, IntentNames.Pricing, "what does it cost?") with { Signals = signals }, CancellationToken.None);
        Assert.Contains("12 people", reply.Text, StringComparison.Ordinal);
        Assert.Contains("$348", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachFixThatDidNotWorkIsFollowedByTheNextOneAndThenByAPerson()
    {
        var problem = new TurnSummary(1, "instagram messages aren't showing up", "first fix", ConversationState.PostPurchase, ConversationState.PostPurchase, new Intent(IntentNames.SupportProblem, 0.9), 0, false);
        var fixes = KnowledgeSource.Shipped.Articles.Single(a => a.Id == "kb-051").Fixes!;
        for (var attempt = 1; attempt <= fixes.Count; attempt++)
        {
            var context = Context(ConversationState.PostPurchase, IntentNames.NotWorking, "still not working") with
            {
                RecentTurns = [problem],
                Signals = ConversationSignals.Initial with { FailedAttempts = attempt },
            };
            var reply = await Responder.WriteAsync(context, CancellationToken.None);
            Assert.Equal("kb-051", reply.ArticleId);
            if (attempt < fixes.Count)
            {
                Assert.Contains(fixes[attempt], reply.Text, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("person", reply.Text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task AReplyNeverRepeatsThePreviousReplyWordForWord()
    {
        var context = Context(ConversationState.ValueProposition, IntentNames.Unknown, "hmm");
        var first = await Responder.WriteAsync(context, CancellationToken.None);
        var previous = new TurnSummary(1, "hmm", first.Text, ConversationState.ValueProposition, ConversationState.ValueProposition, new Intent(IntentNames.Unknown, 0.5), 0, false);
        var second = await Responder.WriteAsync(context with { RecentTurns = [previous] }, CancellationToken.None);
        Assert.NotEqual(first.Text, second.Text);
    }

    private static ReplyContext Context(ConversationState state, string intent, string message) =>
        new("c-1", 2, message, null, new Intent(intent, 0.9), state, state, [], string.Empty, 280);
}
