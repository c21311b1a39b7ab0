using Conversations.Grains.Conversation;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace Conversations.Grains.Persistence;

/// <summary>
/// The data half of schema 007: moves every conversation stored the old way (one Orleans grain-storage row,
/// state name <c>checkpoint</c>, holding the whole <see cref="LegacyCheckpoint"/>) into the log tables: a
/// snapshot of the checkpoint and one record holding its replay window, both version 1. The frames are moved
/// as they were stored, so a client resumes byte for byte. The old row is deleted; the conversation's
/// reminder and transcript rows stay as they are.
/// </summary>
internal static class LegacyCheckpointMigration
{
    /// <summary>The schema version whose script this step completes.</summary>
    public const int Version = 7;

    private const int RowsPerRead = 200;

    /// <summary>Converts every old checkpoint, within the migration's transaction; returns how many.</summary>
    public static async Task<int> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (!await HasOldCheckpointsAsync(connection, cancellationToken))
        {
            return 0;
        }

        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var codec = new LogPayloadCodec(serializer);
        var converted = 0;
        while (true)
        {
            var rows = await ReadAsync(connection, cancellationToken);
            if (rows.Count == 0)
            {
                return converted;
            }

            foreach (var (service, conversationId, payload) in rows)
            {
                var legacy = serializer.Deserialize<LegacyCheckpoint>(payload)
                    ?? throw new InvalidDataException($"The checkpoint of conversation '{conversationId}' is empty.");
                await WriteAsync(connection, service, conversationId, legacy, codec, cancellationToken);
                converted++;
            }
        }
    }

    private static async Task<bool> HasOldCheckpointsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM orleans_storage WHERE grain_type_string = 'checkpoint')", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    // Reads (and deletes) the next rows; the deletion is undone with everything else if the migration fails.
    private static async Task<List<(string Service, string ConversationId, byte[] Payload)>> ReadAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH taken AS (
                SELECT ctid FROM orleans_storage WHERE grain_type_string = 'checkpoint' LIMIT @limit
            )
            DELETE FROM orleans_storage AS s
             USING taken AS t
             WHERE s.ctid = t.ctid
            RETURNING s.service_id, s.grain_id_extension_string, s.payload_binary
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", RowsPerRead));
        var rows = new List<(string, string, byte[])>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A cleared checkpoint (retention deleted the conversation) has no payload: nothing to move.
            if (!reader.IsDBNull(1) && !reader.IsDBNull(2))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
            }
        }

        return rows;
    }

    private static async Task WriteAsync(
        NpgsqlConnection connection,
        string service,
        string conversationId,
        LegacyCheckpoint legacy,
        LogPayloadCodec codec,
        CancellationToken cancellationToken)
    {
        var window = legacy.ReplayWindow;
        var record = new LogRecord(1, window.Count > 0 ? window[0].Seq : legacy.Seq + 1, legacy.Seq, window, []);
        await using var batch = new NpgsqlBatch(connection);
        var log = new NpgsqlBatchCommand(
            """
            INSERT INTO conversation_log (service_id, conversation_id, version, first_seq, last_seq, payload)
            VALUES (@service, @id, 1, @first_seq, @last_seq, @payload)
            """);
        log.Parameters.Add(new NpgsqlParameter<string>("service", service));
        log.Parameters.Add(new NpgsqlParameter<string>("id", conversationId));
        log.Parameters.Add(new NpgsqlParameter<long>("first_seq", record.FirstSeq));
        log.Parameters.Add(new NpgsqlParameter<long>("last_seq", record.LastSeq));
        log.Parameters.Add(new NpgsqlParameter<byte[]>("payload", codec.EncodeRecord(record)));
        var snapshot = new NpgsqlBatchCommand(
            """
            INSERT INTO conversation_snapshots (service_id, conversation_id, version, payload, updated_at)
            VALUES (@service, @id, 1, @payload, @updated_at)
            """);
        snapshot.Parameters.Add(new NpgsqlParameter<string>("service", service));
        snapshot.Parameters.Add(new NpgsqlParameter<string>("id", conversationId));
        snapshot.Parameters.Add(new NpgsqlParameter<byte[]>("payload", codec.EncodeSnapshot(legacy.ToCheckpoint())));
        snapshot.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated_at", legacy.UpdatedAt == default ? DateTimeOffset.UnixEpoch : legacy.UpdatedAt));
        batch.BatchCommands.Add(log);
        batch.BatchCommands.Add(snapshot);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
