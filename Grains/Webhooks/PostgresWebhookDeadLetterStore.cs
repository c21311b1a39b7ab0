using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Conversations.Grains.Webhooks;

/// <summary>Dead letters in PostgreSQL's <c>webhook_dead_letters</c> table (deploy/sql/009), per service, kept until redelivered.</summary>
public sealed class PostgresWebhookDeadLetterStore(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : IWebhookDeadLetterStore
{
    private const string Columns = "id, event_id, event_type, conversation_id, endpoint, url, body, attempts, last_error, failed_at";

    private readonly string _serviceId = cluster.Value.ServiceId;

    /// <inheritdoc />
    public async Task<long> AddAsync(WebhookDeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO webhook_dead_letters
                (service_id, event_id, event_type, conversation_id, endpoint, url, body, attempts, last_error, failed_at)
            VALUES (@service, @event_id, @event_type, @conversation_id, @endpoint, @url, @body, @attempts, @last_error, @failed_at)
            RETURNING id
            """);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("event_id", letter.EventId);
        command.Parameters.AddWithValue("event_type", letter.EventType);
        command.Parameters.AddWithValue("conversation_id", letter.ConversationId);
        command.Parameters.AddWithValue("endpoint", letter.Endpoint);
        command.Parameters.AddWithValue("url", letter.Url);
        command.Parameters.AddWithValue("body", letter.Body);
        command.Parameters.AddWithValue("attempts", letter.Attempts);
        command.Parameters.AddWithValue("last_error", letter.LastError);
        command.Parameters.AddWithValue("failed_at", letter.FailedAt.UtcDateTime);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDeadLetter>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM webhook_dead_letters
            WHERE service_id = @service
            ORDER BY id DESC
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<WebhookDeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(Read(reader));
        }

        return letters;
    }

    /// <inheritdoc />
    public async Task<WebhookDeadLetter?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM webhook_dead_letters WHERE service_id = @service AND id = @id");
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM webhook_dead_letters WHERE service_id = @service AND id = @id");
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static WebhookDeadLetter Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetInt32(7),
        reader.GetString(8),
        new DateTimeOffset(reader.GetDateTime(9), TimeSpan.Zero));
}
