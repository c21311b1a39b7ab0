using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Grains.Health;

/// <summary>The health checks that silo and gateway share; the web hosts map them to endpoints.</summary>
public static class HealthCheckExtensions
{
    /// <summary>The readiness check of the Orleans cluster.</summary>
    public static IHealthChecksBuilder AddClusterCheck(this IHealthChecksBuilder checks) =>
        checks.AddCheck<ClusterHealthCheck>(HealthTags.ClusterCheck, tags: [HealthTags.Ready]);
}
