using System.Diagnostics;
using System.Threading.Channels;
using Conversations.Grains.Conversation;
using Conversations.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;

namespace Conversations.Grains.Persistence;

/// <summary>
/// Conversations' logs in PostgreSQL: <c>conversation_log</c> (one row per record) and
/// <c>conversation_snapshots</c> (one row per conversation), from <c>deploy/sql/007</c>. Appends are group
/// committed across conversations: whatever waits when a writer is free goes to the database in one statement,
/// one round trip and one transaction, while the next appends gather behind it.
/// </summary>
public sealed partial class PostgresConversationLogStore : IConversationLogStore, IAsyncDisposable
{
    // One statement for a whole batch. A record is inserted only when neither it nor a later one is stored
    // (NOT EXISTS: a stale activation behind compacted records; the primary key: two writers racing for the
    // same number). Snapshots and compactions apply only to the records that went in.
    private const string AppendSql = """
        WITH incoming AS (
            SELECT * FROM unnest(@ids::text[], @versions::bigint[], @first_seqs::bigint[], @last_seqs::bigint[], @payloads::bytea[])
                AS i(conversation_id, version, first_seq, last_seq, payload)
        ), appended AS (
            INSERT INTO conversation_log (service_id, conversation_id, version, first_seq, last_seq, payload)
            SELECT @service, i.conversation_id, i.version, i.first_seq, i.last_seq, i.payload
              FROM incoming AS i
             WHERE NOT EXISTS (SELECT 1
                                 FROM conversation_log AS l
                                WHERE l.service_id = @service
                                  AND l.conversation_id = i.conversation_id
                                  AND l.version >= i.version)
            ON CONFLICT DO NOTHING
            RETURNING conversation_id, version
        ), snapshots AS (
            INSERT INTO conversation_snapshots (service_id, conversation_id, version, payload, updated_at)
            SELECT @service, s.conversation_id, s.version, s.payload, now()
              FROM unnest(@snapshot_ids::text[], @snapshot_versions::bigint[], @snapshot_payloads::bytea[])
                   AS s(conversation_id, version, payload)
              JOIN appended AS a ON a.conversation_id = s.conversation_id AND a.version = s.version
            ON CONFLICT (service_id, conversation_id) DO UPDATE
               SET version = EXCLUDED.version, payload = EXCLUDED.payload, updated_at = EXCLUDED.updated_at
             WHERE conversation_snapshots.version < EXCLUDED.version
        ), compacted AS (
            DELETE FROM conversation_log AS l
             USING unnest(@compact_ids::text[], @compact_versions::bigint[], @compact_below_seqs::bigint[], @compact_through::bigint[])
                   AS c(conversation_id, version, below_seq, through_version)
              JOIN appended AS a ON a.conversation_id = c.conversation_id AND a.version = c.version
             WHERE l.service_id = @service
               AND l.conversation_id = c.conversation_id
               AND l.version < c.version
               AND l.version <= c.through_version
               AND l.last_seq < c.below_seq
        )
        SELECT conversation_id, version FROM appended
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly LogPayloadCodec _codec;
    private readonly string _serviceId;
    private readonly LogStoreOptions _options;
    private readonly ConversationInstruments _instruments;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend> _appends = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<Task[]> _writers;

    /// <summary>Creates the store; its writers start with the first append.</summary>
    public PostgresConversationLogStore(
        NpgsqlDataSource dataSource,
        LogPayloadCodec codec,
        IOptions<ClusterOptions> cluster,
        IOptions<LogStoreOptions> options,
        ConversationInstruments instruments,
        ILogger<PostgresConversationLogStore> logger)
    {
        _instruments = instruments;
        _dataSource = dataSource;
        _codec = codec;
        _serviceId = cluster.Value.ServiceId;
        _options = options.Value;
        _logger = logger;
        _writers = new Lazy<Task[]>(() => Enumerable.Range(0, _options.Writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray());
    }

    /// <inheritdoc />
    public async Task<StoredConversation> ReadAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(
            "SELECT version, payload FROM conversation_snapshots WHERE service_id = @service AND conversation_id = @id",
            conversationId));
        batch.BatchCommands.Add(Command(
            "SELECT version, first_seq, last_seq, payload FROM conversation_log WHERE service_id = @service AND conversation_id = @id ORDER BY version",
            conversationId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        StoredSnapshot? snapshot = null;
        if (await reader.ReadAsync(cancellationToken))
        {
            snapshot = new StoredSnapshot(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        }

        await reader.NextResultAsync(cancellationToken);
        var records = new List<LogRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var body = _codec.DecodeRecord(reader.GetFieldValue<byte[]>(3));
            records.Add(new LogRecord(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), body.Frames, body.Changes));
        }

        return new StoredConversation(snapshot, records);
    }

    /// <inheritdoc />
    public Task AppendAsync(string conversationId, LogAppend append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        _ = _writers.Value;

        // Encoded here, on the caller's thread, before the call returns: what is stored is what the record held
        // when it was handed over.
        var pending = new PendingAppend(conversationId, append, _codec.EncodeRecord(append.Record));
        ObjectDisposedException.ThrowIf(!_appends.Writer.TryWrite(pending), this);

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("DELETE FROM conversation_log WHERE service_id = @service AND conversation_id = @id", conversationId));
        batch.BatchCommands.Add(Command("DELETE FROM conversation_snapshots WHERE service_id = @service AND conversation_id = @id", conversationId));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        if (_writers.IsValueCreated)
        {
            // Appends already queued are still written; a stuck database is given up on after a while.
            await Task.WhenAll(_writers.Value).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await _stopping.CancelAsync();
        _stopping.Dispose();
    }

    private NpgsqlBatchCommand Command(string sql, string conversationId)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string>("service", _serviceId));
        command.Parameters.Add(new NpgsqlParameter<string>("id", conversationId));
        return command;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>(_options.MaxBatch);
        var reader = _appends.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                var appended = await WriteAsync(batch, _stopping.Token);
                _instruments.OnLogWritten(batch.Count, Stopwatch.GetElapsedTime(started), ok: true);
                foreach (var item in batch)
                {
                    if (appended.Contains((item.ConversationId, item.Append.Record.Version)))
                    {
                        item.Completion.TrySetResult();
                    }
                    else
                    {
                        item.Completion.TrySetException(new LogConflictException(
                            $"Conversation '{item.ConversationId}' already has record {item.Append.Record.Version} or a later one: another activation wrote it."));
                    }
                }
            }
            catch (Exception exception)
            {
                _instruments.OnLogWritten(batch.Count, Stopwatch.GetElapsedTime(started), ok: false);
                LogBatchFailed(exception, batch.Count);
                foreach (var item in batch)
                {
                    item.Completion.TrySetException(exception);
                }
            }
        }
    }

    private async Task<HashSet<(string, long)>> WriteAsync(List<PendingAppend> batch, CancellationToken cancellationToken)
    {
        var count = batch.Count;
        var ids = new string[count];
        var versions = new long[count];
        var firstSeqs = new long[count];
        var lastSeqs = new long[count];
        var payloads = new byte[count][];
        var snapshotIds = new List<string>();
        var snapshotVersions = new List<long>();
        var snapshotPayloads = new List<byte[]>();
        var compactIds = new List<string>();
        var compactVersions = new List<long>();
        var compactBelow = new List<long>();
        var compactThrough = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var (id, append, payload) = batch[i];
            var record = append.Record;
            ids[i] = id;
            versions[i] = record.Version;
            firstSeqs[i] = record.FirstSeq;
            lastSeqs[i] = record.LastSeq;
            payloads[i] = payload;
            if (append.Snapshot is { } snapshot)
            {
                snapshotIds.Add(id);
                snapshotVersions.Add(snapshot.Version);
                snapshotPayloads.Add(snapshot.Payload);
            }

            if (append.Compaction is { } compaction)
            {
                compactIds.Add(id);
                compactVersions.Add(record.Version);
                compactBelow.Add(compaction.BelowSeq);
                compactThrough.Add(compaction.ThroughVersion);
            }
        }

        await using var command = _dataSource.CreateCommand(AppendSql);
        command.Parameters.Add(new NpgsqlParameter<string>("service", _serviceId));
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids));
        command.Parameters.Add(new NpgsqlParameter<long[]>("versions", versions));
        command.Parameters.Add(new NpgsqlParameter<long[]>("first_seqs", firstSeqs));
        command.Parameters.Add(new NpgsqlParameter<long[]>("last_seqs", lastSeqs));
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = payloads });
        command.Parameters.Add(new NpgsqlParameter<string[]>("snapshot_ids", [.. snapshotIds]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("snapshot_versions", [.. snapshotVersions]));
        command.Parameters.Add(new NpgsqlParameter("snapshot_payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = snapshotPayloads.ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]>("compact_ids", [.. compactIds]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("compact_versions", [.. compactVersions]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("compact_below_seqs", [.. compactBelow]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("compact_through", [.. compactThrough]));
        var appended = new HashSet<(string, long)>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            appended.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return appended;
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Could not write {Appends} log appends to PostgreSQL; their conversations will reload")]
    private partial void LogBatchFailed(Exception exception, int appends);

    private sealed record PendingAppend(string ConversationId, LogAppend Append, byte[] Payload)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
