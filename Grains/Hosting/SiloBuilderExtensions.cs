using Conversations.Grains.Conversation;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Responders;
using Conversations.Grains.StateMachine;
using Conversations.Grains.Summaries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Conversations.Grains.Hosting;

/// <summary>Sets up a silo that hosts conversations.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Adds the conversation grains and what they need: clustering, storage and the frame stream provider,
    /// chosen by the <c>Cluster</c> configuration section, and the conversation engine's services.
    /// </summary>
    public static ISiloBuilder AddConversations(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var settings = ClusterSettingsValidator.Read(configuration);

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });

        switch (settings.Clustering)
        {
            case ClusteringMode.Localhost:
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
                break;
        }

        return silo.AddConversationGrains(settings);
    }

    /// <summary>
    /// Adds the conversation grains, their storage and the frame stream provider, leaving clustering to the
    /// caller (a test cluster, for example).
    /// </summary>
    public static ISiloBuilder AddConversationGrains(this ISiloBuilder silo, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        switch (settings.Storage)
        {
            case StorageMode.Memory:
                silo.AddMemoryGrainStorage(ConversationStorage.ProviderName);
                silo.AddMemoryGrainStorage(ConversationStreams.PubSubStorageName);
                break;
        }

        silo.AddMemoryStreams(ConversationStreams.ProviderName, streams =>
            streams.ConfigurePullingAgent(agent =>
                agent.Configure(options => options.GetQueueMsgsTimerPeriod = settings.StreamPollInterval)));

        silo.Services.AddConversationEngine();
        return silo;
    }

    /// <summary>The conversation engine: state machine, classifier, responder and their settings.</summary>
    public static IServiceCollection AddConversationEngine(this IServiceCollection services)
    {
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConversationOptions>, ConversationOptionsValidator>();
        services.AddOptions<OfflineResponderOptions>().BindConfiguration(OfflineResponderOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OfflineResponderOptions>, OfflineResponderOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IntentClassifier>();
        services.AddSingleton<ConversationStateMachine>();
        services.AddSingleton<ConversationSummarizer>();
        services.AddSingleton<OfflineResponder>();
        services.AddSingleton<IReplyGenerator, OfflineReplyGenerator>();
        return services;
    }
}
