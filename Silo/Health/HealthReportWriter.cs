using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Conversations.Silo.Health;

/// <summary>
/// Writes a health report as JSON: <c>{"status":"Unhealthy","checks":{"storage":{"status":…,"description":…}}}</c>,
/// so that an operator sees which dependency is down. Exception details stay in the logs.
/// </summary>
public static class HealthReportWriter
{
    /// <summary>The response writer for <c>HealthCheckOptions.ResponseWriter</c>.</summary>
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("duration_ms", (long)report.TotalDuration.TotalMilliseconds);
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            json.WriteNumber("duration_ms", (long)entry.Duration.TotalMilliseconds);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
