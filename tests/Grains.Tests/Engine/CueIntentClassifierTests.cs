using Conversations.Grains.Intents;

namespace Conversations.Grains.Tests.Engine;

public sealed class CueIntentClassifierTests
{
    private readonly CueIntentClassifier _classifier = new();

    [Theory]
    [InlineData("How much does it cost for 10 users?", IntentNames.Pricing)]
    [InlineData("What does it cost?", IntentNames.Pricing)]
    [InlineData("I am not interested", IntentNames.Objection)]
    [InlineData("Nope, still getting the same error", IntentNames.NotWorking)]
    [InlineData("Hi, we are looking for a CRM for our sales team", IntentNames.Interest)]
    [InlineData("Hello!", IntentNames.Greeting)]
    [InlineData("That's way too expensive for us", IntentNames.Objection)]
    [InlineData("OK let's do it, I want to buy the team plan", IntentNames.Purchase)]
    [InlineData("I can't log in, the app shows an error", IntentNames.SupportProblem)]
    [InlineData("I tried that and it still didn't work", IntentNames.NotWorking)]
    [InlineData("I was charged twice on my last invoice", IntentNames.Billing)]
    [InlineData("Can I talk to a real person please", IntentNames.HumanRequest)]
    [InlineData("Does it integrate with Slack?", IntentNames.Question)]
    [InlineData("Yes, that makes sense", IntentNames.Affirmation)]
    [InlineData("How are you today?", IntentNames.SmallTalk)]
    public void ClassifiesTypicalMessages(string text, string expected) =>
        Assert.Equal(expected, _classifier.Classify(text).Name);

    [Fact]
    public void UnrecognisedTextIsUnknownWithLowConfidence()
    {
        var intent = _classifier.Classify("qwerty zxcv");
        Assert.Equal(IntentNames.Unknown, intent.Name);
        Assert.True(intent.Confidence < 0.5);
    }

    [Fact]
    public void ConfidenceIsHigherWhenTheMessageIsUnambiguous()
    {
        var clear = _classifier.Classify("What is the price? How much per user, any discount?");
        var mixed = _classifier.Classify("price bug");
        Assert.InRange(clear.Confidence, 0, 1);
        Assert.True(clear.Confidence > mixed.Confidence);
    }

    [Fact]
    public void CuesMatchWholeWordsOnly() =>
        Assert.NotEqual(IntentNames.Greeting, _classifier.Classify("this is nothing").Name);

    [Fact]
    public void CurlyApostrophesAreReadLikeStraightOnes() =>
        Assert.Equal(IntentNames.NotWorking, _classifier.Classify("It didn\u2019t work").Name);
}
