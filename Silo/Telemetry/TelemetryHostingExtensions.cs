using Conversations.Grains.Hosting;
using Conversations.Grains.Responders.Models;
using Conversations.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Conversations.Silo.Telemetry;

/// <summary>OpenTelemetry for silo and gateway processes: our meters and spans, Orleans', ASP.NET Core's and HttpClient's.</summary>
public static class TelemetryHostingExtensions
{
    /// <summary>The meter Orleans publishes its runtime metrics on.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>
    /// The meter the .NET runtime publishes its own metrics on (GC heap sizes and collections, working set,
    /// thread pool, exceptions): what a node's memory per socket or per conversation is read from.
    /// </summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>
    /// Collects metrics (scraped at <see cref="TelemetryOptions.MetricsPath"/>), and, when
    /// <c>Telemetry:OtlpEndpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, traces and logs, pushing all
    /// three by OTLP. With PostgreSQL, Npgsql's metrics and spans are among them.
    /// </summary>
    public static IHostApplicationBuilder AddConversationsTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.AddConversationInstruments();

        var settings = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var usesPostgres = builder.Configuration.ReadClusterSettings().UsesPostgres;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(ConversationInstruments.MeterName, ChatClientFactory.TelemetrySourceName, OrleansMeterName, RuntimeMeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddPrometheusExporter();
                if (usesPostgres)
                {
                    metrics.AddNpgsqlInstrumentation();
                }
            });

        // Spans are made only when something exports them: with no exporter, every grain call and request
        // would still build activities that nobody reads.
        var otlpFromEnvironment = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (settings.OtlpEndpoint is null && !otlpFromEnvironment)
        {
            return builder;
        }

        telemetry.WithTracing(tracing =>
        {
            tracing
                .AddSource(ConversationInstruments.MeterName, ChatClientFactory.TelemetrySourceName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(options => options.Filter = IsTraced)
                .AddHttpClientInstrumentation();
            if (usesPostgres)
            {
                // The exporter's processor always runs last (UseOtlpExporter gives it the heaviest pipeline weight),
                // so the filter sees a span end before it is queued for export.
                tracing.AddNpgsql().AddProcessor(new ClusterQuerySpanFilter());
            }
        });

        // Log records go where the spans go, each with the trace and span it was written in.
        telemetry.WithLogging(configureBuilder: null, configureOptions: options => options.IncludeFormattedMessage = true);
        if (settings.OtlpEndpoint is { } endpoint)
        {
            telemetry.UseOtlpExporter(settings.OtlpProtocol, endpoint);
        }
        else
        {
            // The exporter reads the endpoint, protocol and headers from the standard OTEL_* settings.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint.</summary>
    public static IEndpointRouteBuilder MapConversationsTelemetry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        endpoints.MapPrometheusScrapingEndpoint(options.MetricsPath);
        return endpoints;
    }

    // Probes and scrapes come every few seconds and say nothing about conversations: they are not traced.
    private static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        && !context.Request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}
