using Conversations.Grains.Hosting;
using Conversations.Grains.Persistence;
using Npgsql;

namespace Conversations.Silo.Hosting;

/// <summary><c>Conversations.Silo migrate</c>: applies the database schema, then exits.</summary>
public static partial class SchemaCommand
{
    /// <summary>Applies what the database lacks of <c>deploy/sql</c>; returns the process exit code.</summary>
    public static async Task<int> MigrateAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var connectionString = builder.Configuration.GetConnectionString(ClusterSettings.ConnectionStringName);
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Conversations.Silo.Migrate");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            LogNoConnectionString(logger);
            return 2;
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var migrator = new SchemaMigrator(dataSource, host.Services.GetRequiredService<ILogger<SchemaMigrator>>());
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var applied = await migrator.MigrateAsync(timeout.Token);
            LogDone(logger, applied.Count, SchemaMigrator.Scripts.Count);
            return 0;
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException or OperationCanceledException)
        {
            LogFailed(logger, exception.Message);
            return 1;
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "migrate: set ConnectionStrings:Postgres (for example with the environment variable ConnectionStrings__Postgres)")]
    private static partial void LogNoConnectionString(ILogger logger);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "migrate: applied {Applied} of {Total} schema scripts; the database is up to date")]
    private static partial void LogDone(ILogger logger, int applied, int total);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Error, Message = "migrate: failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
