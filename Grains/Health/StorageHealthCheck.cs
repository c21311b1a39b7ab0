using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Conversations.Grains.Health;

/// <summary>Ready when PostgreSQL, which holds checkpoints and transcripts, answers a query within 3 s.</summary>
public sealed class StorageHealthCheck(NpgsqlDataSource dataSource, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(linked.Token);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", exception);
        }
    }
}
