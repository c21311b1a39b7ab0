using Conversations.Grains.Intelligence;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class FrustrationMeterTests
{
    private readonly FrustrationMeter _meter = new();

    [Fact]
    public void CalmMessageIsZero() => Assert.Equal(0, _meter.Measure("Could you tell me how the import works?", 0, 0));

    [Fact]
    public void ShoutingInCapitalsRaisesFrustration() =>
        Assert.True(_meter.Measure("THIS IS NOT WHAT I ASKED FOR", 0, 0) >= 3);

    [Theory]
    [InlineData("OK")]
    [InlineData("Does the CRM have an API?")]
    public void ShortCapitalsAndAcronymsAreNotShouting(string text) => Assert.Equal(0, _meter.Measure(text, 0, 0));

    [Fact]
    public void RepeatedPunctuationCountsAndALongRunCountsMore()
    {
        var two = _meter.Measure("why is this happening?!", 0, 0);
        var many = _meter.Measure("why is this happening?!?!", 0, 0);
        Assert.Equal(1, two);
        Assert.Equal(2, many);
        Assert.Equal(0, _meter.Measure("why is this happening?", 0, 0));
    }

    [Fact]
    public void AngryWordsWeighMoreThanWearyOnes()
    {
        Assert.Equal(2, _meter.Measure("this is useless", 0, 0));
        Assert.Equal(1, _meter.Measure("I'm a bit annoyed", 0, 0));
    }

    [Fact]
    public void FailedAttemptsRaiseFrustrationWithoutAnyAngryText()
    {
        Assert.Equal(2, _meter.Measure("no luck", 1, 0));
        Assert.Equal(5, _meter.Measure("no luck", 3, 0));
        Assert.Equal(5, _meter.Measure("no luck", 10, 0));
    }

    [Fact]
    public void FrustrationFadesByTwoPointsACalmTurn()
    {
        Assert.Equal(6, _meter.Measure("ok, thanks", 0, 8));
        Assert.Equal(0, _meter.Measure("ok, thanks", 0, 1));
    }

    [Fact]
    public void EverythingAtOnceIsCappedAtTen() =>
        Assert.Equal(10, _meter.Measure("THIS IS USELESS AND RIDICULOUS, STILL BROKEN AGAIN!!!!", 4, 9));
}
