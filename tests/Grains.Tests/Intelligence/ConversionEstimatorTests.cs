using Conversations.Grains.Intelligence;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class ConversionEstimatorTests
{
    private readonly ConversionEstimator _estimator = new();

    [Fact]
    public void ProbabilityRisesAsTheSaleMovesOn()
    {
        var p = ConversionEstimator.Initial;
        var seen = new List<double>();
        foreach (var state in new[] { ConversationState.InterestQualification, ConversationState.ValueProposition, ConversationState.PriceNegotiation, ConversationState.ClosingAttempt })
        {
            p = _estimator.Update(p, state, IntentNames.Interest, 0);
            seen.Add(p);
        }

        Assert.Equal(seen.Order(), seen);
        Assert.True(seen[^1] > 0.4);
    }

    [Fact]
    public void APurchaseIsCertain() =>
        Assert.Equal(1, _estimator.Update(0.3, ConversationState.PostPurchase, IntentNames.Purchase, 0));

    [Fact]
    public void ObjectionsAndFrustrationLowerIt()
    {
        var calm = _estimator.Update(0.4, ConversationState.PriceNegotiation, IntentNames.Pricing, 0);
        var objecting = _estimator.Update(0.4, ConversationState.PriceNegotiation, IntentNames.Objection, 0);
        var frustrated = _estimator.Update(0.4, ConversationState.PriceNegotiation, IntentNames.Pricing, 8);
        Assert.True(objecting < calm);
        Assert.True(frustrated < calm);
    }

    [Fact]
    public void ItStaysBetweenZeroAndOne()
    {
        Assert.InRange(_estimator.Update(0, ConversationState.InitialContact, IntentNames.Objection, 10), 0, 1);
        Assert.InRange(_estimator.Update(1, ConversationState.ClosingAttempt, IntentNames.Purchase, 0), 0, 1);
    }
}
