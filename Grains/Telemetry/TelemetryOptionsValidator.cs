using Microsoft.Extensions.Options;

namespace Conversations.Grains.Telemetry;

/// <summary>Checks <see cref="TelemetryOptions"/>; each message names the key to fix.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        // "otel-collector:4317" parses as an absolute URI with the scheme "otel-collector": ask for http(s).
        if (options.OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.OtlpEndpoint)} must be an http:// or https:// URI such as http://otel-collector:4317.");
        }

        if (string.IsNullOrWhiteSpace(options.MetricsPath) || !options.MetricsPath.StartsWith('/'))
        {
            failures.Add($"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.MetricsPath)} must be a path starting with '/', such as /metrics.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
