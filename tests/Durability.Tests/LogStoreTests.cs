using System.Diagnostics.Metrics;
using System.Text;
using Conversations.Grains.Conversation;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Persistence;
using Conversations.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Conversations.Durability.Tests;

[Collection(PostgresCollection.Name)]
public sealed class LogStoreTests(PostgresFixture postgres)
{
    [Fact]
    public async Task OfTwoWritersOfOneConversationOnlyTheFirstRecordGoesInAndTheOtherIsRefused()
    {
        await using var database = await Database.CreateAsync(postgres);
        await using var first = database.Store();
        await using var second = database.Store();

        await first.AppendAsync("c-1", new LogAppend(Record(1, 1, 2)), CancellationToken.None);
        await Assert.ThrowsAsync<LogConflictException>(() => second.AppendAsync("c-1", new LogAppend(Record(1, 1, 1)), CancellationToken.None));

        var stored = await second.ReadAsync("c-1", CancellationToken.None);
        Assert.Equal([1L, 2L], stored.Records.Single().Frames.Select(f => f.Seq));
    }

    [Fact]
    public async Task AWriterBehindCompactedRecordsIsRefusedToo()
    {
        await using var database = await Database.CreateAsync(postgres);
        await using var store = database.Store();
        for (var version = 1; version <= 5; version++)
        {
            var compaction = version == 5 ? new LogCompaction(BelowSeq: 5, ThroughVersion: 5) : null;
            var snapshot = version == 5 ? new StoredSnapshot(5, [1, 2, 3]) : null;
            await store.AppendAsync("c-1", new LogAppend(Record(version, version, version), snapshot, compaction), CancellationToken.None);
        }

        var stored = await store.ReadAsync("c-1", CancellationToken.None);
        Assert.Equal([5L], stored.Records.Select(r => r.Version));
        Assert.Equal(5, stored.Snapshot!.Version);

        // An activation that read the conversation at record 1 and never saw the rest.
        await Assert.ThrowsAsync<LogConflictException>(() => store.AppendAsync("c-1", new LogAppend(Record(2, 2, 2)), CancellationToken.None));
    }

    [Fact]
    public async Task AppendsOfManyConversationsWaitingAtOnceShareTransactions()
    {
        await using var database = await Database.CreateAsync(postgres);
        await using var store = database.Store(writers: 1);
        using var statements = new MeterRecorder(database.Meters, "conversations_log_appends_per_write");
        await store.AppendAsync("warm-up", new LogAppend(Record(1, 1, 1)), CancellationToken.None);
        const int Conversations = 300;

        await Task.WhenAll(Enumerable.Range(0, Conversations).Select(i =>
            store.AppendAsync($"c-{i}", new LogAppend(Record(1, 1, 3)), CancellationToken.None)));

        // Every append is stored, by far fewer statements (each one transaction) than appends.
        Assert.Equal(Conversations + 1, await database.ScalarAsync("SELECT count(*) FROM conversation_log"));
        Assert.Equal(Conversations + 1, statements.Values.Sum());
        Assert.True(statements.Values.Count < Conversations / 3, $"{Conversations} appends took {statements.Values.Count - 1} statements");
    }

    [Fact]
    public async Task StoragePerConversationStaysBoundedOverAThousandTurns()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        var settings = Settings.Durable(connectionString, chunkDelay: "00:00:00");
        settings["Gateway:MessagesPerSecond"] = "1000";
        settings["Gateway:MessageBurst"] = "1000";
        await using var host = await GatewayHost.StartAsync(settings.AsArguments());
        await using var client = await host.ConnectAsync("long-1");
        var sizes = new Dictionary<int, (long Rows, long Bytes)>();
        for (var turn = 1; turn <= 1000; turn++)
        {
            await client.SendMessageAsync($"m{turn}", turn % 2 == 0 ? "Tell me more about the reporting" : "What does it cost per user?");
            await client.UntilAsync(f => f.IsReply(turn));
            if (turn is 50 or 100 or 500 or 1000)
            {
                sizes[turn] = await SizeAsync(connectionString, "long-1");
            }
        }

        // The log holds at most the replay window (10 turns) and the turns since the last snapshot (10): about
        // 3 records a turn here. The snapshot is one row. Neither grows with the conversation.
        Assert.All(sizes.Values, size => Assert.InRange(size.Rows, 1, 3 * 21 + 1));
        Assert.True(sizes[1000].Bytes < sizes[100].Bytes * 3 / 2, $"bytes at turn 100: {sizes[100].Bytes}, at turn 1000: {sizes[1000].Bytes}");
        Assert.True(sizes[1000].Bytes < 64 * 1024, $"{sizes[1000].Bytes} bytes stored for one conversation");
    }

    private static async Task<(long Rows, long Bytes)> SizeAsync(string connectionString, string conversationId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM conversation_log WHERE conversation_id = @id),
                   (SELECT coalesce(sum(octet_length(payload)), 0) FROM conversation_log WHERE conversation_id = @id)
                 + (SELECT coalesce(sum(octet_length(payload)), 0) FROM conversation_snapshots WHERE conversation_id = @id)
            """,
            connection);
        command.Parameters.AddWithValue("id", conversationId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static LogRecord Record(long version, long firstSeq, long lastSeq)
    {
        var frames = new List<LogFrame>();
        for (var seq = firstSeq; seq <= lastSeq; seq++)
        {
            frames.Add(new LogFrame(seq, 1, Encoding.UTF8.GetBytes($"{{\"type\":\"assistant_delta\",\"seq\":{seq}}}")));
        }

        return new LogRecord(version, firstSeq, lastSeq, frames, []);
    }

    private sealed class Database : IAsyncDisposable
    {
        private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().AddMetrics().BuildServiceProvider();
        private readonly List<PostgresConversationLogStore> _stores = [];

        private Database(NpgsqlDataSource dataSource) => DataSource = dataSource;

        public NpgsqlDataSource DataSource { get; }

        public static async Task<Database> CreateAsync(PostgresFixture postgres)
        {
            var dataSource = NpgsqlDataSource.Create(await postgres.NewDatabaseAsync());
            await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
            return new Database(dataSource);
        }

        public IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

        public PostgresConversationLogStore Store(int writers = 2) => new(
            DataSource,
            new LogPayloadCodec(_services.GetRequiredService<Serializer>()),
            Options.Create(new ClusterOptions { ServiceId = "test" }),
            Options.Create(new LogStoreOptions { Writers = writers }),
            new ConversationInstruments(Meters),
            NullLogger<PostgresConversationLogStore>.Instance);

        public async Task<long> ScalarAsync(string sql)
        {
            await using var command = DataSource.CreateCommand(sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        public async ValueTask DisposeAsync()
        {
            await DataSource.DisposeAsync();
            await _services.DisposeAsync();
        }
    }

    // Collects what one meter factory's histogram records (other tests' meters of the same name are left out).
    private sealed class MeterRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<long> _values = [];

        public MeterRecorder(IMeterFactory meters, string instrument)
        {
            _listener.InstrumentPublished = (published, listener) =>
            {
                if (published.Name == instrument && ReferenceEquals(published.Meter.Scope, meters))
                {
                    listener.EnableMeasurementEvents(published);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
            {
                lock (_values)
                {
                    _values.Add(value);
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<long> Values
        {
            get
            {
                lock (_values)
                {
                    return [.. _values];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
