using OpenTelemetry.Exporter;

namespace Conversations.Grains.Telemetry;

/// <summary>Where telemetry goes, bound from the <c>Telemetry</c> configuration section.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>
    /// The OTLP collector that traces and metrics are pushed to (for example <c>http://otel-collector:4317</c>).
    /// Default: none, unless the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is set; without either,
    /// nothing is pushed and metrics are only scraped from <see cref="MetricsPath"/>.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>
    /// How to talk to <see cref="OtlpEndpoint"/>: <c>Grpc</c> (default, usually port 4317) or <c>HttpProtobuf</c>
    /// (usually port 4318; <c>/v1/traces</c> and <c>/v1/metrics</c> are appended).
    /// </summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>The Prometheus scrape endpoint. Default: <c>/metrics</c>.</summary>
    public string MetricsPath { get; set; } = "/metrics";
}
