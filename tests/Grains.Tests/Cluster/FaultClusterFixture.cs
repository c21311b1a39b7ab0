using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Conversations.Grains.Hosting;
using Conversations.Grains.Persistence;
using Conversations.Grains.Responders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;

namespace Conversations.Grains.Tests.Cluster;

/// <summary>
/// A test cluster with two faults injected into the production set-up: a store that gives the grain time to
/// change what it handed over before storing it, and a responder that throws for messages marked
/// <see cref="FailingReplyGenerator.Marker"/>.
/// </summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<FaultSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class FaultSiloConfigurator : ISiloConfigurator, IHostConfigurator
    {
        public void Configure(IHostBuilder hostBuilder) =>
            hostBuilder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Responders:Offline:ChunkDelay"] = "00:00:00.010",
                ["Conversations:SnapshotEveryTurns"] = "2",
            }));

        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddConversationGrains(new ClusterSettings());
            siloBuilder.Services.AddSingleton<MemoryConversationLogStore>();
            siloBuilder.Services.AddSingleton<IConversationLogStore>(services => new YieldingLogStore(
                services.GetRequiredService<MemoryConversationLogStore>(),
                services.GetRequiredService<LogPayloadCodec>()));
            siloBuilder.Services.AddSingleton<IReplyGenerator>(services => new FailingReplyGenerator(
                services.GetRequiredService<OfflineReplyGenerator>()));
        }
    }
}

/// <summary>
/// Stores only after giving the grain every chance to run (a yield and a delay), and checks that what it was
/// handed did not change meanwhile: the record and snapshot as encoded on entry against the same encoded late.
/// </summary>
public sealed class YieldingLogStore(IConversationLogStore inner, LogPayloadCodec codec) : IConversationLogStore
{
    /// <summary>Appends whose record or snapshot changed between being handed over and being stored.</summary>
    public static ConcurrentQueue<string> Changed { get; } = new();

    /// <summary>Appends stored so far, by conversation.</summary>
    public static ConcurrentDictionary<string, int> Appends { get; } = new();

    public Task<StoredConversation> ReadAsync(string conversationId, CancellationToken cancellationToken) =>
        inner.ReadAsync(conversationId, cancellationToken);

    public async Task AppendAsync(string conversationId, LogAppend append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        var record = codec.EncodeRecord(append.Record);
        var snapshot = append.Snapshot?.Payload.ToArray();
        await Task.Yield();
        await Task.Delay(TimeSpan.FromMilliseconds(3), cancellationToken);
        if (!record.AsSpan().SequenceEqual(codec.EncodeRecord(append.Record))
            || (snapshot is not null && !snapshot.AsSpan().SequenceEqual(append.Snapshot!.Payload)))
        {
            Changed.Enqueue($"{conversationId} record {append.Record.Version}");
        }

        await inner.AppendAsync(conversationId, append, cancellationToken);
        Appends.AddOrUpdate(conversationId, 1, (_, count) => count + 1);
    }

    public Task DeleteAsync(string conversationId, CancellationToken cancellationToken) =>
        inner.DeleteAsync(conversationId, cancellationToken);
}

/// <summary>The offline responder, except that it throws for a message that contains <see cref="Marker"/>.</summary>
public sealed class FailingReplyGenerator(IReplyGenerator inner) : IReplyGenerator
{
    /// <summary>A message with this in it makes the responder fail.</summary>
    public const string Marker = "[fail]";

    public string Name => inner.Name;

    public async IAsyncEnumerable<ReplyEvent> GenerateAsync(ReplyContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failing = context.UserMessage.Contains(Marker, StringComparison.Ordinal);
        var pieces = 0;
        await foreach (var item in inner.GenerateAsync(context, cancellationToken))
        {
            if (failing && ++pieces == 2)
            {
                throw new InvalidOperationException("Injected fault in the responder.");
            }

            yield return item;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FaultClusterCollection : ICollectionFixture<FaultClusterFixture>
{
    public const string Name = "fault-cluster";
}
