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
    /// The name of this process's own PostgreSQL data source (logs, transcripts, analytics): the pool name in
    /// Npgsql's metrics and the <c>db.npgsql.data_source</c> of its spans. Orleans' providers keep pools of their
    /// own, named after their connection string without its password.
    /// </summary>
    public const string DataSourceName = "conversations";

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
            services.AddSingleton(_ => new NpgsqlDataSourceBuilder(settings.PostgresConnectionString!) { Name = DataSourceName }.Build());
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
