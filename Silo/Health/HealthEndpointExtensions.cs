using Conversations.Grains.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Conversations.Silo.Health;

/// <summary>The health endpoints that silo and gateway share.</summary>
public static class HealthEndpointExtensions
{
    /// <summary>
    /// <c>/health</c>: the process is alive (no check runs). <c>/health/ready</c>: the cluster answers and
    /// storage is reachable (503 otherwise, with a JSON report); Kubernetes' readiness probe.
    /// </summary>
    public static IEndpointRouteBuilder MapConversationsHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return endpoints;
    }
}
