using Conversations.Grains.Intelligence;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class IntelligenceOptionsValidatorTests
{
    private readonly IntelligenceOptionsValidator _validator = new();

    [Fact]
    public void DefaultsAreValid() => Assert.True(_validator.Validate(null, new IntelligenceOptions()).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void AThresholdOutsideZeroToOneNamesTheKey(double threshold)
    {
        var result = _validator.Validate(null, new IntelligenceOptions { HandoffThreshold = threshold });
        Assert.True(result.Failed);
        Assert.Contains("Intelligence:HandoffThreshold", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEscapeConfidenceAboveOneNamesTheKey()
    {
        var result = _validator.Validate(null, new IntelligenceOptions { InterruptEscapeConfidence = 2 });
        Assert.Contains("Intelligence:InterruptEscapeConfidence", result.FailureMessage, StringComparison.Ordinal);
    }
}
