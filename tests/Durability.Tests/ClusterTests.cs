using System.Diagnostics;
using Conversations.Gateway.Hosting;
using Conversations.Grains.Hosting;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace Conversations.Durability.Tests;

// Silos and gateways as separate processes on PostgreSQL membership, killed and restarted for real.
[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(PostgresFixture postgres, ITestOutputHelper output)
{
    // About four seconds per reply, so that a process can be killed in the middle of one.
    private static readonly Dictionary<string, string> SlowReplies = new() { ["Responders:Offline:ChunkDelay"] = "00:00:00.400" };

    [Fact]
    public async Task SiloKilledMidReplyTheClientCarriesOnThroughTheOtherGateway()
    {
        var database = await MigratedDatabaseAsync();
        await using var cluster = await LocalCluster.StartAsync(database, silos: 2, gateways: 2, SlowReplies);
        var id = $"silo-death-{Guid.NewGuid():N}";
        var first = await cluster.Gateways[0].ConnectAsync(id);
        await first.SendMessageAsync("m1", "Hello, we need a tool for customer support");
        var beforeKill = await first.UntilAsync(f => f.IsReply(1), TimeSpan.FromSeconds(60));
        var host = await HostingSiloPortAsync(cluster, database, id);
        await first.SendMessageAsync("m2", "Tell me more about reporting and dashboards please");
        beforeKill.AddRange(await first.UntilAsync(f => f.Type == "assistant_delta" && f.Turn == 2));

        var clock = Stopwatch.StartNew();
        await cluster.SiloWithPort(host).KillAsync();
        var declaredDead = DeclaredDeadAsync(database, cluster.ClusterId, host, clock);
        first.Abort();
        await first.DisposeAsync();

        var lastSeen = beforeKill[^1].Seq!.Value;
        await using var second = await cluster.Gateways[1].ConnectAsync(id, lastSeq: lastSeen);
        Frame resumed, firstLogFrame;
        try
        {
            resumed = await second.NextAsync(TimeSpan.FromSeconds(60));
            firstLogFrame = await second.NextAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception)
        {
            output.WriteLine(cluster.Gateways[1].Output);
            output.WriteLine(string.Join('\n', cluster.Silos.Select(s => s.Output)));
            throw;
        }

        var toFirstFrame = clock.Elapsed;
        var after = await second.UntilAsync(f => f.IsReply(2), TimeSpan.FromSeconds(60));
        output.WriteLine($"kill -> first frame after reconnecting: {toFirstFrame.TotalMilliseconds:F0} ms; kill -> reply complete: {clock.Elapsed.TotalMilliseconds:F0} ms");
        output.WriteLine($"kill -> silo declared dead in the membership table: {(await declaredDead).TotalMilliseconds:F0} ms");

        Assert.True(resumed.IsSystem("conversation_resumed"));
        var log = beforeKill.Concat([firstLogFrame]).Concat(after).ToList();
        FrameAssert.Gapless(log, 1);
        Assert.Single(log, f => f.IsReply(1));
        Assert.Single(log, f => f.IsReply(2));
        var restarted = log.FindLastIndex(f => f.IsSystem("processing") && f.Turn == 2);
        Assert.True(log[restarted].Root.GetProperty("metadata").GetProperty("restarted").GetBoolean());
        Assert.Equal(log[^1].Content, string.Concat(log.Skip(restarted).Where(f => f.Type == "assistant_delta").Select(f => f.Delta)));
    }

    [Fact]
    public async Task GatewayKilledMidReplyTheClientCarriesOnThroughTheOtherGateway()
    {
        var database = await MigratedDatabaseAsync();
        await using var cluster = await LocalCluster.StartAsync(database, silos: 2, gateways: 2, SlowReplies);
        var id = $"gateway-death-{Guid.NewGuid():N}";
        var first = await cluster.Gateways[0].ConnectAsync(id);
        await first.SendMessageAsync("m1", "Tell me more about reporting and dashboards please");
        var beforeKill = await first.UntilAsync(f => f.Type == "assistant_delta");

        var clock = Stopwatch.StartNew();
        await cluster.Gateways[0].KillAsync();
        await first.DisposeAsync();
        var lastSeen = beforeKill[^1].Seq!.Value;
        await using var second = await cluster.Gateways[1].ConnectAsync(id, lastSeq: lastSeen);
        var resumed = await second.NextAsync();
        var firstLogFrame = await second.NextAsync();
        var toFirstFrame = clock.Elapsed;
        var after = await second.UntilAsync(f => f.IsReply(1), TimeSpan.FromSeconds(60));
        output.WriteLine($"kill -> first frame after reconnecting: {toFirstFrame.TotalMilliseconds:F0} ms");

        Assert.True(resumed.IsSystem("conversation_resumed"));
        var log = beforeKill.Concat([firstLogFrame]).Concat(after).ToList();
        FrameAssert.Gapless(log, 1);
        Assert.Single(log, f => f.IsSystem("processing"));
        Assert.Equal(log[^1].Content, string.Concat(log.Where(f => f.Type == "assistant_delta").Select(f => f.Delta)));
    }

    [Fact]
    public async Task RollingRestartOfEveryNodeLosesNoTurnWhileAHundredConversationsTalk()
    {
        var database = await MigratedDatabaseAsync();
        await using var cluster = await LocalCluster.StartAsync(database, silos: 3, gateways: 2);
        using var restartsDone = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 100)
            .Select(i => new ResilientClient([cluster.GatewayUris[i % 2], cluster.GatewayUris[(i + 1) % 2]], $"rolling-{i}-{Guid.NewGuid():N}"))
            .ToArray();
        var talking = clients.Select(client => TalkAsync(client, restartsDone.Token)).ToArray();

        var clock = Stopwatch.StartNew();
        foreach (var process in cluster.Silos.ToArray().Concat(cluster.Gateways.ToArray()))
        {
            await cluster.RestartAsync(process);
        }

        output.WriteLine($"restarted 5 processes one at a time in {clock.Elapsed.TotalSeconds:F1} s");
        await restartsDone.CancelAsync();
        var turns = await Task.WhenAll(talking);

        output.WriteLine($"{turns.Sum()} turns answered (at most {turns.Max()} by one client); reconnects per client: max {clients.Max(c => c.Reconnects)}, total {clients.Sum(c => c.Reconnects)}");
        Assert.All(turns, count => Assert.True(count < 300, "a client stopped talking before the restarts were over"));
        await using var client = await ClusterClientAsync(cluster, database);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        for (var i = 0; i < clients.Length; i++)
        {
            var log = clients[i].Log;
            FrameAssert.Gapless(log, 1);
            Assert.Equal(turns[i], log.Count(f => f.Type == "assistant_message"));
            Assert.Equal(turns[i], log.Select(f => f.Turn).Where(t => t is not null).Distinct().Count());
            Assert.InRange(clients[i].Reconnects, 0, 2);
            var snapshot = await grains.GetGrain<IConversationGrain>(clients[i].ConversationId).GetSnapshotAsync();
            Assert.Equal(turns[i], snapshot.TurnCount);
        }
    }

    [Fact]
    public async Task RepeatedGatewayDeathsLeaveNoSubscriptionsBehind()
    {
        var database = await MigratedDatabaseAsync();
        await using var cluster = await LocalCluster.StartAsync(database, silos: 1, gateways: 1);
        var id = $"churn-{Guid.NewGuid():N}";
        await using var steady = new ResilientClient(cluster.GatewayUris, id);
        await steady.TurnAsync("m0", "hello", TimeSpan.FromSeconds(60));
        var baseline = await PubSubStateSizeAsync(database, id);

        // Five gateways in turn subscribe to the conversation, take part in a turn, and are killed.
        for (var round = 1; round <= 5; round++)
        {
            var settings = new Dictionary<string, string>(cluster.Gateways[0].Settings);
            settings.Remove("Urls");
            await using var doomed = await ServiceProcess.StartGatewayAsync(settings);
            var socket = await doomed.ConnectAsync(id, lastSeq: steady.LastSeq);
            await socket.NextAsync();
            await steady.TurnAsync($"m{round}", "tell me more", TimeSpan.FromSeconds(60));
            await doomed.KillAsync();
            await socket.DisposeAsync();
        }

        var grown = await PubSubStateSizeAsync(database, id);

        // The next frames find the dead gateways' subscriptions gone and drop them. The last gateway died
        // just before: its silo keeps it for Cluster:SiloMessaging's ClientDropTimeout (5 s) first, and
        // with four test projects on two cores that has once taken more than 30 s.
        await steady.TurnAsync("m6", "and the price?", TimeSpan.FromSeconds(60));
        var after = await Eventually.GetAsync(() => PubSubStateSizeAsync(database, id), size => size <= baseline, TimeSpan.FromSeconds(90));
        output.WriteLine($"stream pub-sub state: {baseline} bytes with one live subscriber, {grown} after five gateways died, {after} after the next turn");

        Assert.True(grown > baseline, "the dead gateways' subscriptions should have been stored");
        FrameAssert.Gapless(steady.Log, 1);
    }

    // Turns, a second apart, for as long as the restarts last (at least two, at most 300), each waiting
    // for its reply.
    private static async Task<int> TalkAsync(ResilientClient client, CancellationToken restartsDone)
    {
        await using var _ = client;
        var turn = 0;
        while (turn < 2 || (!restartsDone.IsCancellationRequested && turn < 300))
        {
            turn++;
            await client.TurnAsync($"m{turn}", $"Message {turn}: tell me more about reporting", TimeSpan.FromSeconds(120));
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
        }

        return turn;
    }

    // The stored pub-sub state of the conversation's stream: it grows with every subscription.
    private static async Task<int> PubSubStateSizeAsync(string database, string conversationId)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(sum(length(payload_binary)), 0)::int FROM orleans_storage WHERE grain_type_string = 'PubSubRendezvousGrain' AND grain_id_extension_string LIKE @key");
        command.Parameters.AddWithValue("key", $"%{conversationId}%");
        return (int)(await command.ExecuteScalarAsync())!;
    }

    // When the cluster wrote the killed silo's row as Dead (status 6), measured from the kill.
    private static async Task<TimeSpan> DeclaredDeadAsync(string database, string clusterId, int siloPort, Stopwatch sinceKill)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await Eventually.GetAsync(
            async () =>
            {
                await using var command = dataSource.CreateCommand("SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster AND port = @port AND status = 6");
                command.Parameters.AddWithValue("cluster", clusterId);
                command.Parameters.AddWithValue("port", siloPort);
                return (long)(await command.ExecuteScalarAsync())!;
            },
            dead => dead > 0,
            TimeSpan.FromSeconds(60));
        return sinceKill.Elapsed;
    }

    private async Task<string> MigratedDatabaseAsync()
    {
        var database = await postgres.NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return database;
    }

    private static async Task<int> HostingSiloPortAsync(LocalCluster cluster, string database, string conversationId)
    {
        await using var client = await ClusterClientAsync(cluster, database);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var address = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IConversationGrain>(conversationId));
        return address!.Endpoint.Port;
    }

    private static async Task<AsyncHost> ClusterClientAsync(LocalCluster cluster, string database)
    {
        var settings = new ClusterSettings
        {
            Clustering = ClusteringMode.Postgres,
            Storage = StorageMode.Postgres,
            ClusterId = cluster.ClusterId,
            PostgresConnectionString = database,
        };
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client.AddConversationsClient(settings))
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .Build();
        await host.StartAsync();
        return new AsyncHost(host);
    }

    private sealed class AsyncHost(IHost host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
