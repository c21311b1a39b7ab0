using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Conversations.Grains.Analytics;

/// <summary>
/// Aggregates over this service's rows of <c>conversation_turns</c> in PostgreSQL. Each method is one query;
/// the table's <c>(service_id, created_at)</c> index bounds them to the window asked for.
/// </summary>
public sealed class TranscriptAnalytics(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster, TimeProvider time)
{
    private readonly string _serviceId = cluster.Value.ServiceId;

    /// <summary>The headline figures over the last <paramref name="days"/> days.</summary>
    public async Task<AnalyticsSummary> SummaryAsync(int days, int activeMinutes, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH window_turns AS (
                SELECT conversation_id, created_at, response_time_ms, cancelled, handed_off
                FROM conversation_turns
                WHERE service_id = @service AND created_at >= @since)
            SELECT
                (SELECT count(DISTINCT conversation_id) FROM window_turns WHERE created_at >= @active_since),
                count(DISTINCT conversation_id),
                count(*),
                count(DISTINCT conversation_id) FILTER (WHERE handed_off),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY response_time_ms) FILTER (WHERE NOT cancelled),
                percentile_cont(0.95) WITHIN GROUP (ORDER BY response_time_ms) FILTER (WHERE NOT cancelled)
            FROM window_turns
            """);
        var now = time.GetUtcNow();
        AddService(command);
        command.Parameters.AddWithValue("since", now.AddDays(-days));
        command.Parameters.AddWithValue("active_since", now.AddMinutes(-activeMinutes));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var conversations = reader.GetInt64(1);
        var turns = reader.GetInt64(2);
        var handedOff = reader.GetInt64(3);
        return new AnalyticsSummary(
            days,
            reader.GetInt64(0),
            activeMinutes,
            conversations,
            turns,
            conversations == 0 ? 0 : Math.Round((double)turns / conversations, 3),
            conversations == 0 ? 0 : Math.Round((double)handedOff / conversations, 4),
            reader.IsDBNull(4) ? null : reader.GetDouble(4),
            reader.IsDBNull(5) ? null : reader.GetDouble(5));
    }

    /// <summary>Turns and conversations per UTC day, the most recent first, one page at a time.</summary>
    public async Task<AnalyticsPage<DayCount>> TurnsPerDayAsync(int days, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*), count(DISTINCT conversation_id), count(*) OVER ()
            FROM conversation_turns
            WHERE service_id = @service AND created_at >= @since
            GROUP BY day
            ORDER BY day DESC
            LIMIT @limit OFFSET @offset
            """);
        AddService(command);
        command.Parameters.AddWithValue("since", time.GetUtcNow().AddDays(-days));
        AddPage(command, page, pageSize);
        var items = new List<DayCount>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new DayCount(DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetInt64(1), reader.GetInt64(2)));
            total = reader.GetInt64(3);
        }

        return new AnalyticsPage<DayCount>(items, page, pageSize, total);
    }

    /// <summary>Turns per intent over the last <paramref name="days"/> days, the most frequent first.</summary>
    public async Task<AnalyticsPage<IntentCount>> IntentsAsync(int days, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT intent->>'name' AS name, count(*), sum(count(*)) OVER (), count(*) OVER ()
            FROM conversation_turns
            WHERE service_id = @service AND created_at >= @since
            GROUP BY name
            ORDER BY count(*) DESC, name
            LIMIT @limit OFFSET @offset
            """);
        AddService(command);
        command.Parameters.AddWithValue("since", time.GetUtcNow().AddDays(-days));
        AddPage(command, page, pageSize);
        var items = new List<IntentCount>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var turns = reader.GetInt64(1);
            var all = reader.GetDecimal(2);
            items.Add(new IntentCount(reader.IsDBNull(0) ? "unknown" : reader.GetString(0), turns, all == 0 ? 0 : Math.Round((double)(turns / all), 4)));
            total = reader.GetInt64(3);
        }

        return new AnalyticsPage<IntentCount>(items, page, pageSize, total);
    }

    /// <summary>For every state, in funnel order, how many conversations reached it in the last <paramref name="days"/> days.</summary>
    public async Task<IReadOnlyList<StateCount>> FunnelAsync(int days, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT state, count(DISTINCT conversation_id)
            FROM conversation_turns,
                 LATERAL (VALUES (state_before), (state_after)) AS reached(state)
            WHERE service_id = @service AND created_at >= @since
            GROUP BY state
            """);
        AddService(command);
        command.Parameters.AddWithValue("since", time.GetUtcNow().AddDays(-days));
        var reached = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            reached[reader.GetString(0)] = reader.GetInt64(1);
        }

        return Enum.GetValues<ConversationState>()
            .Select(state => state.ToWireName())
            .Select(name => new StateCount(name, reached.GetValueOrDefault(name)))
            .ToList();
    }

    private void AddService(NpgsqlCommand command) => command.Parameters.AddWithValue("service", _serviceId);

    private static void AddPage(NpgsqlCommand command, int page, int pageSize)
    {
        command.Parameters.AddWithValue("limit", pageSize);
        command.Parameters.AddWithValue("offset", (page - 1) * pageSize);
    }
}
