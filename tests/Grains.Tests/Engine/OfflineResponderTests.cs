using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Responders;

namespace Conversations.Grains.Tests.Engine;

public sealed class OfflineResponderTests
{
    private readonly OfflineResponder _responder = new();

    [Theory]
    [MemberData(nameof(EveryState))]
    public void RepliesFitTheLimitInEveryState(ConversationState state)
    {
        var reply = _responder.Compose(Context(state, IntentNames.Interest, "We need something for onboarding customers", "Ana"));
        Assert.InRange(reply.Length, 1, 280);
    }

    public static TheoryData<ConversationState> EveryState() => new(Enum.GetValues<ConversationState>());

    [Fact]
    public void UsesTheUsersName() =>
        Assert.Contains("Ana", _responder.Compose(Context(ConversationState.InitialContact, IntentNames.Greeting, "hello", "Ana")), StringComparison.Ordinal);

    [Fact]
    public void PriceReplyTalksAboutPrice() =>
        Assert.Contains("$", _responder.Compose(Context(ConversationState.PriceNegotiation, IntentNames.Pricing, "how much is it?", null)), StringComparison.Ordinal);

    [Fact]
    public void ProblemsOutrankTheSalesState()
    {
        foreach (var message in new[] { "The dashboard crashes on export", "It crashes", "I get an error" })
        {
            var reply = _responder.Compose(Context(ConversationState.ValueProposition, IntentNames.SupportProblem, message, null));
            Assert.Contains("fix", reply, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void PriceQuestionBeforeTheConversationIsReadyStillGetsAPrice() =>
        Assert.Contains("$29", _responder.Compose(Context(ConversationState.InitialContact, IntentNames.Pricing, "how much is it?", null)), StringComparison.Ordinal);

    [Theory]
    [InlineData("People on my team would love it")]
    [InlineData("sounds great")]
    [InlineData("We need better reporting for the sales team")]
    public void RepliesReadWellWhateverTheMessageSays(string message)
    {
        foreach (var state in Enum.GetValues<ConversationState>())
        {
            var reply = _responder.Compose(Context(state, IntentNames.Interest, message, "Bob"));
            Assert.DoesNotContain("{", reply, StringComparison.Ordinal);
            Assert.DoesNotContain(" people is ", reply, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" sounds:", reply, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void SameTurnGetsTheSameReply()
    {
        var context = Context(ConversationState.ValueProposition, IntentNames.Question, "Does it do reporting?", "Bo");
        Assert.Equal(_responder.Compose(context), _responder.Compose(context));
    }

    [Fact]
    public void LongRepliesAreCutAtAWordWithinTheLimit()
    {
        var reply = _responder.Compose(Context(ConversationState.ValueProposition, IntentNames.Question, "reporting", "Bo") with { MaxReplyChars = 40 });
        Assert.InRange(reply.Length, 1, 40);
        Assert.False(reply.EndsWith(' '));
    }

    [Fact]
    public void ChunksJoinBackIntoTheReply()
    {
        const string Reply = "Our Team plan is $29 per user per month, and paying yearly saves 20%.";
        var chunks = OfflineResponder.Chunk(Reply, 3);
        Assert.True(chunks.Count > 3);
        Assert.Equal(Reply, string.Concat(chunks));
    }

    private static ReplyContext Context(ConversationState state, string intent, string message, string? name) =>
        new("c-1", 1, message, name, new Intent(intent, 0.9), state, state, [], string.Empty, 280);
}
