using Conversations.Grains.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Conversations.Grains.Persistence;

/// <summary>
/// Runs before Orleans starts: checks that PostgreSQL answers and has the schema (applying it first when
/// <see cref="ClusterSettings.MigrateOnStart"/> is set), so that a wrong connection string or a missing
/// migration stops start-up with a message that says what to fix.
/// </summary>
internal sealed partial class DatabaseStartup(
    SchemaMigrator migrator,
    ClusterSettings settings,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var where = Describe(settings.PostgresConnectionString);
        try
        {
            if (settings.MigrateOnStart)
            {
                await migrator.MigrateAsync(cancellationToken);
            }

            var missing = await migrator.MissingAsync(cancellationToken);
            if (missing.Count > 0)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL at {where} lacks schema {string.Join(", ", missing.Select(s => $"{s.Version:000}_{s.Name}"))}. " +
                    "Apply it with 'dotnet run --project Silo -- migrate' (or 'Conversations.Silo migrate'), or set Cluster:MigrateOnStart=true.");
            }

            LogReady(where);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"Cannot use PostgreSQL at {where} (ConnectionStrings:{ClusterSettings.ConnectionStringName}): {exception.Message}",
                exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Host, port, database and user: enough to find the mistake, without the password.
    internal static string Describe(string? connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}, database '{builder.Database}', user '{builder.Username}'";
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "PostgreSQL at {Database} is reachable and has the schema")]
    private partial void LogReady(string database);
}
