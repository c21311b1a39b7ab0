using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Conversations.Grains.Persistence;

/// <summary>The transcript in PostgreSQL's <c>conversation_turns</c> table, keyed by service, conversation and turn.</summary>
public sealed class PostgresTranscriptStore(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : ITranscriptStore
{
    private const string Insert = """
        INSERT INTO conversation_turns
            (service_id, conversation_id, turn, user_message, reply, state_before, state_after, intent, response_time_ms, cancelled, handed_off, failed)
        VALUES
            (@service, @conversation, @turn, @user_message, @reply, @state_before, @state_after,
             jsonb_build_object('name', @intent_name::text, 'confidence', @intent_confidence::float8), @response_time_ms, @cancelled, @handed_off, @failed)
        ON CONFLICT (service_id, conversation_id, turn) DO NOTHING
        """;

    private readonly string _serviceId = cluster.Value.ServiceId;

    /// <inheritdoc />
    public async Task AppendAsync(string conversationId, IReadOnlyList<TurnSummary> turns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turns);
        if (turns.Count == 0)
        {
            return;
        }

        await using var batch = dataSource.CreateBatch();
        foreach (var turn in turns)
        {
            var command = new NpgsqlBatchCommand(Insert);
            command.Parameters.AddWithValue("service", _serviceId);
            command.Parameters.AddWithValue("conversation", conversationId);
            command.Parameters.AddWithValue("turn", turn.Turn);
            command.Parameters.AddWithValue("user_message", turn.UserMessage);
            command.Parameters.AddWithValue("reply", turn.Reply);
            command.Parameters.AddWithValue("state_before", turn.StateBefore.ToWireName());
            command.Parameters.AddWithValue("state_after", turn.StateAfter.ToWireName());
            command.Parameters.AddWithValue("intent_name", turn.Intent.Name);
            command.Parameters.AddWithValue("intent_confidence", turn.Intent.Confidence);
            command.Parameters.AddWithValue("response_time_ms", turn.ResponseTimeMs);
            command.Parameters.AddWithValue("cancelled", turn.Cancelled);
            command.Parameters.AddWithValue("handed_off", turn.HandedOff);
            command.Parameters.AddWithValue("failed", turn.Failed);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM conversation_turns WHERE service_id = @service AND conversation_id = @conversation");
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("conversation", conversationId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TurnSummary>> ReadAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadAsync(conversationId, 0, int.MaxValue, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<TurnSummary>> ReadAsync(string conversationId, int afterTurn, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        // The primary key (service, conversation, turn) serves the range and the order: a page costs its rows.
        await using var command = dataSource.CreateCommand("""
            SELECT turn, user_message, reply, state_before, state_after, intent->>'name', (intent->>'confidence')::float8, response_time_ms, cancelled, handed_off, failed
            FROM conversation_turns
            WHERE service_id = @service AND conversation_id = @conversation AND turn > @after
            ORDER BY turn
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("conversation", conversationId);
        command.Parameters.AddWithValue("after", afterTurn);
        command.Parameters.AddWithValue("limit", (long)limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var turns = new List<TurnSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            turns.Add(new TurnSummary(
                reader.GetInt32(0),
                reader.GetString(1),
                reader.GetString(2),
                State(reader.GetString(3)),
                State(reader.GetString(4)),
                new Intent(reader.GetString(5), reader.GetDouble(6)),
                reader.GetInt64(7),
                reader.GetBoolean(8),
                HandedOff: reader.GetBoolean(9),
                Failed: reader.GetBoolean(10)));
        }

        return turns;
    }

    private static ConversationState State(string name) =>
        ConversationStateNames.TryParse(name, out var state)
            ? state
            : throw new InvalidDataException($"conversation_turns holds an unknown state '{name}'.");
}
