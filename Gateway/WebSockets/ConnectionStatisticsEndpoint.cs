using System.Globalization;
using System.Text.Json;
using Conversations.Gateway.Auth;

namespace Conversations.Gateway.WebSockets;

/// <summary>
/// <c>/health/clients</c>: what this gateway's sockets are doing. Connections, distinct users, the oldest
/// connection, frames received and sent over the open sockets, and connections per user (the busiest
/// first, at most <c>?top=</c> users, 100 by default). Users without a <c>user_id</c> count as <c>anonymous</c>.
/// </summary>
internal static class ConnectionStatisticsEndpoint
{
    private const string Anonymous = "anonymous";
    private const int DefaultTop = 100;
    private const int MaxTop = 1000;

    public static IEndpointRouteBuilder MapConnectionStatistics(this IEndpointRouteBuilder endpoints)
    {
        // It names every connected user: operators only.
        endpoints.MapGet("/health/clients", WriteAsync).RequireConversationsOperator(endpoints.ServiceProvider);
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext http, ConnectionRegistry registry, TimeProvider time)
    {
        var top = int.TryParse(http.Request.Query["top"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked)
            ? Math.Clamp(asked, 1, MaxTop)
            : DefaultTop;
        var now = time.GetUtcNow();
        var open = registry.Connections.ToArray();
        var perUser = open.GroupBy(c => c.Request.UserId ?? Anonymous, StringComparer.Ordinal)
            .Select(g => (User: g.Key, Count: g.Count()))
            .OrderByDescending(u => u.Count)
            .ThenBy(u => u.User, StringComparer.Ordinal)
            .ToList();
        var oldest = open.Length == 0 ? (DateTimeOffset?)null : open.Min(c => c.ConnectedAt);

        http.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteNumber("connections", open.Length);
        json.WriteNumber("users", perUser.Count);
        json.WriteBoolean("draining", registry.IsDraining);
        if (oldest is { } since)
        {
            json.WriteString("oldest_connected_at", since.UtcDateTime);
            json.WriteNumber("oldest_age_seconds", Math.Round((now - since).TotalSeconds, 3));
        }
        else
        {
            json.WriteNull("oldest_connected_at");
            json.WriteNull("oldest_age_seconds");
        }

        json.WriteNumber("frames_received", open.Sum(c => c.FramesReceived));
        json.WriteNumber("frames_sent", open.Sum(c => c.FramesSent));
        json.WriteStartArray("per_user");
        foreach (var (user, count) in perUser.Take(top))
        {
            json.WriteStartObject();
            json.WriteString("user_id", user);
            json.WriteNumber("connections", count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteBoolean("per_user_truncated", perUser.Count > top);
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }
}
