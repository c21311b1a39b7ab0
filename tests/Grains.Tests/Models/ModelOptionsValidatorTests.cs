using Conversations.Grains.Responders.Models;

namespace Conversations.Grains.Tests.Models;

public sealed class ModelOptionsValidatorTests
{
    private readonly ModelOptionsValidator _validator = new();

    [Fact]
    public void DefaultsAreOfflineAndValid()
    {
        var options = new ModelOptions();

        Assert.Equal(ModelProvider.Offline, options.Provider);
        Assert.Equal(TimeSpan.FromSeconds(2), options.FirstTokenTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ReplyTimeout);
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void OpenAIProviderNeedsBaseUrlModelAndKey()
    {
        var result = _validator.Validate(null, new ModelOptions { Provider = ModelProvider.OpenAI });

        Assert.Contains(result.Failures!, f => f.StartsWith("Responders:OpenAI:BaseUrl is required", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Responders:OpenAI:Model is required", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Responders:OpenAI:ApiKey is required", StringComparison.Ordinal));
    }

    [Fact]
    public void AzureEndpointMustBeAnAbsoluteHttpAddress()
    {
        var options = new ModelOptions
        {
            Provider = ModelProvider.Azure,
            Azure = new AzureEndpointOptions { Endpoint = "ftp://example", Deployment = "d", ApiKey = "k" },
        };

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);
        Assert.StartsWith("Responders:Azure:Endpoint must be an absolute http or https address", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstTokenDeadlineMayNotExceedTheReplyDeadline()
    {
        var options = new ModelOptions { FirstTokenTimeout = TimeSpan.FromSeconds(40) };

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);
        Assert.StartsWith("Responders:FirstTokenTimeout must be", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void CircuitBreakerNeedsAPositiveThresholdAndBreak()
    {
        var options = new ModelOptions { CircuitBreaker = new CircuitBreakerOptions { FailureThreshold = 0, BreakDuration = TimeSpan.Zero } };

        var failures = _validator.Validate(null, options).Failures!;
        Assert.Contains(failures, f => f.StartsWith("Responders:CircuitBreaker:FailureThreshold", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Responders:CircuitBreaker:BreakDuration", StringComparison.Ordinal));
    }
}
