using Conversations.Grains.Telemetry;

namespace Conversations.Grains.Tests.Telemetry;

public sealed class TelemetryOptionsValidatorTests
{
    private readonly TelemetryOptionsValidator _validator = new();

    [Theory]
    [InlineData(null)]
    [InlineData("http://otel-collector:4317")]
    public void DefaultsAndHttpEndpointsAreValid(string? endpoint) =>
        Assert.True(_validator.Validate(null, new TelemetryOptions { OtlpEndpoint = endpoint is null ? null : new Uri(endpoint) }).Succeeded);

    [Theory]
    [InlineData("otel-collector:4317")]
    [InlineData("/collector")]
    public void OtlpEndpointWithoutHttpSchemeIsRefusedNamingTheKey(string endpoint)
    {
        var result = _validator.Validate(null, new TelemetryOptions { OtlpEndpoint = new Uri(endpoint, UriKind.RelativeOrAbsolute) });
        Assert.True(result.Failed);
        Assert.Contains("Telemetry:OtlpEndpoint", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("metrics")]
    public void MetricsPathMustStartWithASlash(string path)
    {
        var result = _validator.Validate(null, new TelemetryOptions { MetricsPath = path });
        Assert.True(result.Failed);
        Assert.Contains("Telemetry:MetricsPath", result.FailureMessage, StringComparison.Ordinal);
    }
}
