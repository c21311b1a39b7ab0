using Conversations.Grains.Hosting;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Security;
using Conversations.Silo.Hosting;
using Orleans.Configuration;

namespace Conversations.Gateway.Hosting;

/// <summary>Connects the gateway to the conversations: a silo in this process, or a client of a cluster.</summary>
public static class ClusterHostingExtensions
{
    /// <summary>
    /// Hosts a silo in-process when <c>Gateway:Mode</c> is <c>Embedded</c> (the default), else joins the
    /// cluster as an Orleans client.
    /// </summary>
    public static WebApplicationBuilder AddConversationsCluster(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var mode = builder.Configuration.GetValue($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.Mode)}", GatewayMode.Embedded);
        if (mode == GatewayMode.Embedded)
        {
            builder.AddConversationsSilo(dashboardByDefault: true);
        }
        else
        {
            var settings = ClusterSettingsValidator.Read(builder.Configuration);
            builder.Services.AddConversationsDatabase(settings);
            builder.UseOrleansClient(client => client.AddConversationsClient(settings));
        }

        return builder;
    }

    /// <summary>An Orleans client of the conversation cluster, with the frame stream provider.</summary>
    public static IClientBuilder AddConversationsClient(this IClientBuilder client, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        client.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });

        switch (settings.Clustering)
        {
            case ClusteringMode.Localhost:
                client.UseLocalhostClustering(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
                break;
            case ClusteringMode.Postgres:
                client.UseAdoNetClustering(options =>
                {
                    options.Invariant = Grains.Hosting.SiloBuilderExtensions.PostgresInvariant;
                    options.ConnectionString = settings.PostgresConnectionString;
                });
                break;
        }

        if (settings.Tls.Enabled)
        {
            var certificates = ClusterCertificates.Load(settings.Tls);
            client.Services.AddSingleton(certificates);
            client.UseTls(options => ClusterTls.Configure(options, certificates, settings.Tls));
        }

        // Learn about silos that joined or left every 2 s rather than every minute, and give up on a call
        // after 5 s rather than 30 s: a call forwarded to a silo that just died is never answered, and every
        // call the gateway makes is idempotent and retried (Gateway:ClusterChangeRetry). Both can be
        // overridden under Cluster:Gateway and Cluster:Messaging (Orleans' GatewayOptions and
        // ClientMessagingOptions).
        client.Services.AddOptions<Orleans.Configuration.GatewayOptions>()
            .Configure(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2))
            .BindConfiguration(ClusterSettings.SectionName + ":Gateway");
        client.Services.AddOptions<ClientMessagingOptions>()
            .Configure(options => options.ResponseTimeout = TimeSpan.FromSeconds(5))
            .BindConfiguration(ClusterSettings.SectionName + ":Messaging");
        client.AddMemoryStreams(ConversationStreams.ProviderName);
        client.AddActivityPropagation();
        return client;
    }
}
