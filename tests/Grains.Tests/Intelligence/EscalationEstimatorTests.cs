using Conversations.Grains.Intelligence;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class EscalationEstimatorTests
{
    private readonly EscalationEstimator _estimator = new();

    [Fact]
    public void ACalmConversationHasNoLikelihoodAndNoFactors()
    {
        var assessment = _estimator.Assess(new Intent(IntentNames.Question, 0.8), 0, 0);
        Assert.Equal(0, assessment.Likelihood);
        Assert.Empty(assessment.Factors);
        Assert.False(assessment.ShouldHandOff(0.8));
    }

    [Fact]
    public void FrustrationAndFailedAttemptsAddUpAndAreListedLargestFirst()
    {
        var assessment = _estimator.Assess(new Intent(IntentNames.NotWorking, 0.9), 8, 3);
        Assert.Equal(0.84, assessment.Likelihood);
        Assert.Equal([EscalationEstimator.Frustration, EscalationEstimator.FailedAttempts], assessment.Factors.Select(f => f.Name));
        Assert.True(assessment.ShouldHandOff(0.8));
        Assert.False(assessment.ShouldHandOff(0.9));
    }

    [Fact]
    public void FailedAttemptsAloneNeverReachTheDefaultThreshold()
    {
        var assessment = _estimator.Assess(new Intent(IntentNames.NotWorking, 0.9), 0, 20);
        Assert.Equal(0.36, assessment.Likelihood);
    }

    [Fact]
    public void AnUpsetUserWithABillingMatterAddsABillingDisputeFactor()
    {
        var upset = _estimator.Assess(new Intent(IntentNames.Billing, 0.9), 5, 0);
        var calm = _estimator.Assess(new Intent(IntentNames.Billing, 0.9), 4, 0);
        Assert.Contains(upset.Factors, f => f.Name == EscalationEstimator.BillingDispute);
        Assert.DoesNotContain(calm.Factors, f => f.Name == EscalationEstimator.BillingDispute);
    }

    [Fact]
    public void AskingForAPersonHandsOffWhateverTheThreshold()
    {
        var assessment = _estimator.Assess(new Intent(IntentNames.HumanRequest, 0.6), 0, 0);
        Assert.True(assessment.UserAsked);
        Assert.Equal(1, assessment.Likelihood);
        Assert.True(assessment.ShouldHandOff(1));
    }

    [Fact]
    public void LikelihoodIsCappedAtOne() =>
        Assert.Equal(1, _estimator.Assess(new Intent(IntentNames.HumanRequest, 0.9), 10, 5).Likelihood);
}
