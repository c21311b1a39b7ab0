using Conversations.Grains.Hosting;

namespace Conversations.Silo.Hosting;

/// <summary>Sets up a process that hosts a conversation silo: the standalone silo and the embedded gateway.</summary>
public static class SiloHostingExtensions
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
}
