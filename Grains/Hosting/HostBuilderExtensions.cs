using Conversations.Grains.Analytics;
using Conversations.Grains.Health;
using Conversations.Grains.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Conversations.Grains.Hosting;

/// <summary>Sets up a process that hosts a conversation silo.</summary>
public static class HostBuilderExtensions
{
    /// <summary>
    /// Reads the <c>Cluster</c> settings, checks PostgreSQL before Orleans starts when it is used, and
    /// hosts a silo with the conversation grains.
    /// </summary>
    /// <param name="builder">The host.</param>
    /// <param name="dashboardByDefault">Whether the Orleans dashboard is on unless <c>Dashboard:Enabled</c> says otherwise.</param>
    public static IHostApplicationBuilder AddConversationsSilo(this IHostApplicationBuilder builder, bool dashboardByDefault = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = ClusterSettingsValidator.Read(builder.Configuration);
        var dashboard = builder.Configuration.DashboardEnabled(dashboardByDefault);
        builder.Services.AddConversationsDatabase(settings);
        builder.UseOrleans(silo =>
        {
            silo.AddConversations(settings);
            if (dashboard)
            {
                silo.AddConversationsDashboard();
            }
        });
        return builder;
    }

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
