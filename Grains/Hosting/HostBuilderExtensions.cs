using Conversations.Grains.Analytics;
using Conversations.Grains.Health;
using Conversations.Grains.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conversations.Grains.Hosting;

/// <summary>Services of a process that hosts a conversation silo or is a client of one.</summary>
public static class HostBuilderExtensions
{
    /// <summary>
    /// When the settings use PostgreSQL: its data source, the schema migrator and the start-up check.
    /// Registered before Orleans, so that the check runs before the silo or client starts.
    /// </summary>
    public static IServiceCollection AddConversationsDatabase(this IServiceCollection services, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        if (settings.UsesPostgres)
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(settings.PostgresConnectionString!));
            services.AddSingleton<SchemaMigrator>();
            services.AddHostedService<DatabaseStartup>();
        }

        if (settings.Storage == StorageMode.Postgres)
        {
            services.AddHealthChecks().AddCheck<StorageHealthCheck>(HealthTags.StorageCheck, tags: [HealthTags.Ready]);
            services.AddSingleton<TranscriptAnalytics>();
        }

        return services;
    }

    /// <summary>Reads the cluster settings from configuration (for callers that set up hosting themselves).</summary>
    public static ClusterSettings ReadClusterSettings(this IConfiguration configuration) => ClusterSettingsValidator.Read(configuration);
}
