using System.Net;
using Conversations.Grains.Conversation;
using Conversations.Grains.Conversation.Turns;
using Conversations.Grains.Domain;
using Conversations.Grains.Intelligence;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Knowledge;
using Conversations.Grains.Persistence;
using Conversations.Grains.Responders;
using Conversations.Grains.Responders.Models;
using Conversations.Grains.Security;
using Conversations.Grains.Settings;
using Conversations.Grains.StateMachine;
using Conversations.Grains.Summaries;
using Conversations.Grains.Telemetry;
using Conversations.Grains.Webhooks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Conversations.Grains.Hosting;

/// <summary>Sets up a silo that hosts conversations.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant name of Npgsql, the PostgreSQL driver.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// Adds the conversation grains and what they need: clustering, storage and the frame stream provider,
    /// chosen by the <c>Cluster</c> configuration section, and the conversation engine's services.
    /// </summary>
    public static ISiloBuilder AddConversations(this ISiloBuilder silo, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });

        // Membership's clock counts from start-up, so that the silo watchdog's race at start does not warn of a
        // stall as long as the machine's uptime (see StartRelativeTimeProvider).
        silo.Services.AddKeyedSingleton<TimeProvider>(
            TimeProviderNames.Membership,
            (provider, _) => new StartRelativeTimeProvider(provider.GetRequiredService<TimeProvider>()));

        switch (settings.Clustering)
        {
            case ClusteringMode.Localhost:
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
                break;
            case ClusteringMode.Postgres:
                var advertised = IPAddress.Parse(settings.AdvertisedAddress);
                silo.ConfigureEndpoints(advertised, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = PostgresInvariant;
                    options.ConnectionString = settings.PostgresConnectionString;
                });
                break;
        }

        if (settings.Tls.Enabled)
        {
            // Without it, anything that reaches the silo or gateway port is a member or a client of the cluster.
            var certificates = ClusterCertificates.Load(settings.Tls);
            silo.Services.AddSingleton(certificates);
            silo.UseTls(options => ClusterTls.Configure(options, certificates, settings.Tls));
        }

        ConfigureFailureDetection(silo.Services);

        // A call from the gateway carries its trace into the grain, so that a turn is one trace.
        silo.AddActivityPropagation();

        // A gateway that disconnected counts as gone after 5 s (Orleans' default is a minute): only then do
        // deliveries to it fail, which is what makes the stream runtime drop a dead gateway's subscriptions.
        // A live gateway reconnects well within that time. Overridable under Cluster:SiloMessaging.
        silo.Services.AddOptions<SiloMessagingOptions>()
            .Configure(options => options.ClientDropTimeout = TimeSpan.FromSeconds(5))
            .BindConfiguration(ClusterSettings.SectionName + ":SiloMessaging");
        silo.Configure<GrainCollectionOptions>(options =>
        {
            options.CollectionAge = settings.IdleDeactivation;
            if (options.CollectionQuantum >= settings.IdleDeactivation)
            {
                // Look for idle activations often enough that a short idle limit is honoured.
                options.CollectionQuantum = settings.IdleDeactivation / 2;
            }
        });

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
                AddMemoryGrainStorage(silo, ConversationStorage.ProviderName);
                AddMemoryGrainStorage(silo, ConversationStreams.PubSubStorageName);
                silo.UseInMemoryReminderService();
                silo.Services.AddSingleton<ITranscriptStore, InMemoryTranscriptStore>();
                silo.Services.AddSingleton<IConversationLogStore, MemoryConversationLogStore>();
                break;
            case StorageMode.Postgres:
                AddPostgresGrainStorage(silo, ConversationStorage.ProviderName, settings);
                AddPostgresGrainStorage(silo, ConversationStreams.PubSubStorageName, settings);
                silo.UseAdoNetReminderService(options =>
                {
                    options.Invariant = PostgresInvariant;
                    options.ConnectionString = settings.PostgresConnectionString;
                });
                silo.Services.AddSingleton<ITranscriptStore, PostgresTranscriptStore>();
                silo.Services.AddOptions<LogStoreOptions>().BindConfiguration(LogStoreOptions.SectionName).ValidateOnStart();
                silo.Services.AddSingleton<IValidateOptions<LogStoreOptions>, LogStoreOptionsValidator>();
                silo.Services.AddSingleton<IConversationLogStore, PostgresConversationLogStore>();
                silo.Services.AddSingleton<IKnowledgeBase, PostgresKnowledgeBase>();
                break;
        }

        silo.AddMemoryStreams(ConversationStreams.ProviderName, streams =>
        {
            streams.ConfigurePullingAgent(agent =>
                agent.Configure(options => options.GetQueueMsgsTimerPeriod = settings.StreamPollInterval));
            streams.ConfigureCacheEviction(eviction => eviction.Configure(options =>
            {
                options.DataMinTimeInCache = settings.StreamCacheTime;
                options.DataMaxAgeInCache = settings.StreamCacheTime * 2;
            }));
        });

        // Reminders default to a one-minute minimum period; allow the retention check interval configured.
        silo.Services.AddOptions<ReminderOptions>().Configure<IOptions<ConversationOptions>>((reminders, conversations) =>
            reminders.MinimumReminderPeriod = TimeSpan.FromTicks(Math.Min(reminders.MinimumReminderPeriod.Ticks, conversations.Value.RetentionCheckInterval.Ticks)));
        silo.Services.AddConversationEngine();
        silo.Services.AddConversationWebhooks(settings);
        return silo;
    }

    // A silo that dies without warning is declared dead in about a second, not Orleans' default 10-15 s:
    // probes time out after 1 s, two missed probes make a suspicion and two suspicions a death. Every value
    // can be overridden under Cluster:Membership (the names of Orleans' ClusterMembershipOptions).
    private static void ConfigureFailureDetection(IServiceCollection services) =>
        services.AddOptions<ClusterMembershipOptions>()
            .Configure(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 2;
                options.NumVotesForDeathDeclaration = 2;
                options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
                options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
            })
            .BindConfiguration(ClusterSettings.SectionName + ":Membership");

    // Users' conversation lists and stream subscriptions go through the same Orleans serializer in memory as in
    // PostgreSQL, so that what a deactivation and a reload do to them is tested in the format production uses.
    private static void AddMemoryGrainStorage(ISiloBuilder silo, string name) =>
        silo.AddMemoryGrainStorage(name, options => options.Configure<Serializer>((storage, serializer) =>
            storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));

    // Grain state (users' conversation lists, stream subscriptions) is stored in Orleans' own binary format:
    // compact, and tolerant of added fields and renamed types because every stored type has an [Id] per member
    // and an [Alias]. The default JSON serializer would write CLR type names into every row.
    private static void AddPostgresGrainStorage(ISiloBuilder silo, string name, ClusterSettings settings) =>
        silo.AddAdoNetGrainStorage(name, options => options.Configure<Serializer>((storage, serializer) =>
        {
            storage.Invariant = PostgresInvariant;
            storage.ConnectionString = settings.PostgresConnectionString;
            storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));

    /// <summary>The conversation engine: state machine, classifier, responder and their settings.</summary>
    public static IServiceCollection AddConversationEngine(this IServiceCollection services)
    {
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConversationOptions>, ConversationOptionsValidator>();
        services.AddOptions<OfflineResponderOptions>().BindConfiguration(OfflineResponderOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OfflineResponderOptions>, OfflineResponderOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddConversationInstruments();
        services.AddOptions<IntelligenceOptions>().BindConfiguration(IntelligenceOptions.SectionName).ValidateOnStart().ReloadLive();
        services.AddSingleton<IValidateOptions<IntelligenceOptions>, IntelligenceOptionsValidator>();
        // The pack is checked once at start (default name); the watched name follows the configuration's changes
        // without validation, so that an unusable new value is refused by DomainPackSource rather than thrown.
        services.AddOptions<DomainOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(DomainOptions.SectionName).Bind(options))
            .ValidateOnStart();
        services.AddOptions<DomainOptions>(DomainOptions.WatchedName).BindConfiguration(DomainOptions.SectionName);
        services.AddSingleton<IValidateOptions<DomainOptions>, DomainOptionsValidator>();
        services.AddSingleton(provider => new DomainPackSource(
            provider.GetRequiredService<IOptionsMonitor<DomainOptions>>(),
            provider.GetRequiredService<ILogger<DomainPackSource>>()));
        services.AddSingleton<CueIntentClassifier>();
        services.AddSingleton<IntentClassifierLoader>();
        services.AddSingleton(provider => provider.GetRequiredService<IntentClassifierLoader>().Load());
        services.AddHostedService<IntentModelWarmup>();
        services.AddSingleton<FrustrationMeter>();
        services.AddSingleton<ToneSelector>();
        services.AddSingleton<EscalationEstimator>();
        services.AddSingleton<PersonaRouter>();
        services.AddSingleton<ConversionEstimator>();
        services.AddSingleton<InterruptPlanner>();
        services.AddSingleton<InputValidator>();
        services.AddSingleton<SlotExtractor>();
        services.AddSingleton<ConversationIntelligence>();
        services.AddSingleton<ConversationStateMachine>();
        services.AddSingleton<ConversationSummarizer>();
        services.AddSingleton<ChangeApplier>();
        services.AddSingleton<TurnRules>();
        services.AddSingleton<LogPayloadCodec>();
        services.TryAddSingleton<IKnowledgeBase, InMemoryKnowledgeBase>();
        services.AddSingleton(provider => new OfflineResponder(provider.GetRequiredService<IKnowledgeBase>(), provider.GetRequiredService<DomainPackSource>()));
        services.AddSingleton<OfflineReplyGenerator>();
        services.AddModelResponder();
        return services;
    }

    /// <summary>
    /// The responder chosen by <c>Responders:Provider</c>: the offline responder, or a model behind one
    /// shared chat client, with deadlines, a circuit breaker and the offline responder as its fallback.
    /// </summary>
    public static IServiceCollection AddModelResponder(this IServiceCollection services)
    {
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.SectionName).ValidateOnStart().ReloadLive();
        services.AddSingleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>();
        // One chat client and one circuit breaker per silo, shared by every conversation (both are thread-safe).
        services.AddSingleton(provider => ChatClientFactory.Create(
            provider.GetRequiredService<IOptions<ModelOptions>>().Value,
            provider.GetRequiredService<ILoggerFactory>())!);
        services.AddSingleton(provider => new CircuitBreaker(
            provider.GetRequiredService<IOptions<ModelOptions>>().Value.CircuitBreaker,
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IReplyGenerator>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ModelOptions>>().Value;
            var offline = provider.GetRequiredService<OfflineReplyGenerator>();
            if (options.Provider == ModelProvider.Offline)
            {
                return offline;
            }

            var model = new ModelReplyGenerator(
                provider.GetRequiredService<IChatClient>(),
                ChatClientFactory.ResponderName(options),
                options.Temperature,
                provider.GetRequiredService<IKnowledgeBase>(),
                provider.GetRequiredService<DomainPackSource>());
            return new ResilientReplyGenerator(
                model,
                offline,
                provider.GetRequiredService<CircuitBreaker>(),
                provider.GetRequiredService<IOptionsMonitor<ModelOptions>>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ConversationInstruments>(),
                provider.GetRequiredService<ILogger<ResilientReplyGenerator>>());
        });
        services.AddSingleton<IIntentSource>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ModelOptions>>().Value;
            var local = provider.GetRequiredService<IntentClassifier>();
            if (options.Provider == ModelProvider.Offline || !options.ModelIntents)
            {
                return new LocalIntentSource(local);
            }

            return new ModelIntentSource(
                provider.GetRequiredService<IChatClient>(),
                local,
                provider.GetRequiredService<CircuitBreaker>(),
                provider.GetRequiredService<IOptionsMonitor<ModelOptions>>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<ModelIntentSource>>());
        });
        return services;
    }
}
