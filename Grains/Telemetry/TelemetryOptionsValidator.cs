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
        if (options.OtlpEndpoint is { IsAbsoluteUri: false })
        {
            failures.Add($"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.OtlpEndpoint)} must be an absolute URI such as http://otel-collector:4317.");
        }

        if (string.IsNullOrWhiteSpace(options.MetricsPath) || !options.MetricsPath.StartsWith('/'))
        {
            failures.Add($"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.MetricsPath)} must be a path starting with '/', such as /metrics.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
