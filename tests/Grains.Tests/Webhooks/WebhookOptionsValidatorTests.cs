using Conversations.Grains.Webhooks;

namespace Conversations.Grains.Tests.Webhooks;

public sealed class WebhookOptionsValidatorTests
{
    private readonly WebhookOptionsValidator _validator = new();

    [Fact]
    public void DefaultsAndAWellFormedEndpointAreValid()
    {
        Assert.True(_validator.Validate(null, new WebhookOptions()).Succeeded);
        Assert.True(_validator.Validate(null, Options(Endpoint())).Succeeded);
    }

    [Theory]
    [InlineData("crm.example.com/hooks")]
    [InlineData("/hooks")]
    [InlineData("ftp://crm.example.com/hooks")]
    [InlineData("")]
    public void AUrlThatIsNotAbsoluteHttpIsRefusedNamingTheKey(string url) =>
        AssertRefused(Options(Endpoint(url: url)), "Conversations:Webhooks:Endpoints:0:Url");

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    public void AMissingOrShortSecretIsRefused(string secret) =>
        AssertRefused(Options(Endpoint(secret: secret)), "Conversations:Webhooks:Endpoints:0:Secret");

    [Fact]
    public void NamesAreRequiredAndUnique()
    {
        AssertRefused(Options(Endpoint(name: "")), "Conversations:Webhooks:Endpoints:0:Name");
        AssertRefused(Options(Endpoint(), Endpoint()), "Conversations:Webhooks:Endpoints:1:Name");
    }

    [Fact]
    public void AnUnknownEventTypeIsRefused()
    {
        var endpoint = Endpoint();
        endpoint.Events.Add("turn.started");
        AssertRefused(Options(endpoint), "Conversations:Webhooks:Endpoints:0:Events");
    }

    [Fact]
    public void RetryLimitsMustBeSane()
    {
        AssertRefused(new WebhookOptions { MaxAttempts = 0 }, "Conversations:Webhooks:MaxAttempts");
        AssertRefused(new WebhookOptions { MaxAttempts = 21 }, "Conversations:Webhooks:MaxAttempts");
        AssertRefused(new WebhookOptions { FirstRetryDelay = TimeSpan.Zero }, "Conversations:Webhooks:FirstRetryDelay");
        AssertRefused(new WebhookOptions { FirstRetryDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromSeconds(5) }, "Conversations:Webhooks:MaxRetryDelay");
        AssertRefused(new WebhookOptions { RequestTimeout = TimeSpan.Zero }, "Conversations:Webhooks:RequestTimeout");
        AssertRefused(new WebhookOptions { QueueCapacity = 0 }, "Conversations:Webhooks:QueueCapacity");
        AssertRefused(new WebhookOptions { MaxConcurrentDeliveries = 0 }, "Conversations:Webhooks:MaxConcurrentDeliveries");
    }

    [Fact]
    public void AnEmptyFilterAcceptsEveryTypeAndAListOnlyItsOwn()
    {
        var all = Endpoint();
        var some = Endpoint();
        some.Events.Add(WebhookEventTypes.HandedOff);
        Assert.All(WebhookEventTypes.All, type => Assert.True(all.Accepts(type)));
        Assert.True(some.Accepts(WebhookEventTypes.HandedOff));
        Assert.False(some.Accepts(WebhookEventTypes.TurnAnswered));
    }

    private void AssertRefused(WebhookOptions options, string key)
    {
        var result = _validator.Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    private static WebhookOptions Options(params WebhookEndpointOptions[] endpoints) => new() { Endpoints = [.. endpoints] };

    private static WebhookEndpointOptions Endpoint(string name = "crm", string url = "https://crm.example.com/hooks", string secret = "0123456789abcdef") =>
        new() { Name = name, Url = url, Secret = secret };
}
