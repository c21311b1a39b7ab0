using System.Globalization;
using System.Text.RegularExpressions;
using Conversations.Gateway.Auth;
using Conversations.Gateway.Dialects;
using Conversations.Gateway.Hosting;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.WebSockets;

/// <summary><c>/ws/conversation/{conversationId}</c>: checks the request, then serves the socket.</summary>
internal static partial class ConversationEndpoint
{
    /// <summary>The route of the conversation WebSocket.</summary>
    public const string Route = "/ws/conversation/{conversationId}";

    /// <summary>The longest <c>user_id</c>, in characters.</summary>
    public const int MaxUserIdChars = 128;

    public static IEndpointRouteBuilder MapConversationWebSocket(this IEndpointRouteBuilder endpoints)
    {
        // Map, not MapGet: WebSockets over HTTP/2 arrive as CONNECT requests. The handler checks the user
        // itself, since a socket ticket stands in for a token here.
        endpoints.Map(Route, (HttpContext http, string conversationId, NativeDialect native) => ServeAsync(http, conversationId, native));
        return endpoints;
    }

    /// <summary>The refusal of a conversation id that is not 1 to 128 of <c>A-Z a-z 0-9 . _ : -</c>.</summary>
    public static readonly HttpRefusal InvalidConversationId =
        new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidConversationId, "The conversation id must be 1 to 128 characters of A-Z a-z 0-9 . _ : -");

    /// <summary>Whether <paramref name="conversationId"/> is 1 to 128 of <c>A-Z a-z 0-9 . _ : -</c>.</summary>
    public static bool IsValidConversationId(string? conversationId) =>
        conversationId is not null && ConversationIdPattern().IsMatch(conversationId);

    /// <summary>
    /// Checks an upgrade to <paramref name="conversationId"/> (id, query, origin, token, owner, limits) and serves
    /// the socket in <paramref name="dialect"/>: every dialect's socket is admitted the same way.
    /// </summary>
    internal static async Task ServeAsync(HttpContext http, string conversationId, ISocketDialect dialect)
    {
        var services = http.RequestServices;
        var connections = services.GetRequiredService<ConnectionRegistry>();
        var admission = services.GetRequiredService<ConnectionAdmission>();
        var factory = services.GetRequiredService<ConversationConnectionFactory>();
        var instruments = services.GetRequiredService<ConversationInstruments>();
        var identity = services.GetRequiredService<CallerIdentity>();
        var tickets = services.GetRequiredService<SocketTickets>();
        var origins = services.GetRequiredService<OriginPolicy>();
        var upgrades = services.GetRequiredService<UpgradeRateLimiter>();
        var time = services.GetRequiredService<TimeProvider>();
        // One reading of the limits for the whole upgrade; the connection keeps the ones it was opened with.
        var limits = services.GetRequiredService<IOptionsMonitor<GatewayOptions>>().CurrentValue;
        if (!IsValidConversationId(conversationId))
        {
            await InvalidConversationId.WriteAsync(http);
            return;
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, ErrorCodes.InvalidMessage, "This endpoint speaks WebSocket: connect with a WebSocket client (Upgrade: websocket).");
            return;
        }

        if (origins.CheckUpgrade(http.Request) is { } foreign)
        {
            instruments.OnRejected(ErrorCodes.Unauthorized);
            await foreign.WriteAsync(http);
            return;
        }

        if (ReadRequest(http.Request.Query, conversationId, limits) is not { } request)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, ErrorCodes.InvalidMessage, QueryError(http.Request.Query, limits));
            return;
        }

        if (identity.Enabled && !await AuthenticateAsync(http, conversationId, tickets))
        {
            instruments.OnRejected(ErrorCodes.Unauthorized);
            return;
        }

        if (!identity.TryResolve(http, request.UserId, out var userId, out var refusedUser))
        {
            instruments.OnRejected(ErrorCodes.Unauthorized);
            await refusedUser!.WriteAsync(http);
            return;
        }

        request = request with { UserId = userId, FromEnd = dialect.StartsAtEnd && !http.Request.Query.ContainsKey("last_seq") };
        if (services.GetRequiredService<ClusterStatus>().Unreachable)
        {
            await RefuseAsync(http, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "This node cannot reach the conversations just now; connect to another one or try again shortly.");
            return;
        }

        if (connections.IsDraining)
        {
            await RefuseAsync(http, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "This node is shutting down; connect to another one.");
            return;
        }

        // Everything that refuses for load comes before anything that touches a conversation, so that a
        // refused upgrade stores nothing.
        if (identity.Enabled && !upgrades.TryAcquire(userId!))
        {
            instruments.OnRejected(ErrorCodes.RateLimited);
            http.Response.Headers.RetryAfter = "1";
            await RefuseAsync(http, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, $"Too many connection attempts: at most {limits.UpgradesPerSecond} a second on average (bursts of {limits.UpgradeBurst}). Retry after a second.");
            return;
        }

        if (!admission.TryAdmit(request.UserId, limits.MaxConnections, limits.MaxConnectionsPerUser, out var refusal))
        {
            instruments.OnRejected(ConnectionAdmission.ErrorCode);
            await RefuseAsync(http, refusal.Status, ConnectionAdmission.ErrorCode, refusal.Message);
            return;
        }

        try
        {
            if (await CheckOwnerAsync(http, identity, conversationId, userId) is { } notOwner)
            {
                instruments.OnRejected(notOwner.ErrorCode);
                await notOwner.WriteAsync(http);
                return;
            }

            SocketSendBuffer.Bound(http, limits.SocketSendBufferBytes);
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            using var connection = factory.Create(socket, request, dialect);
            using var expiry = identity.Enabled ? CloseOnTokenExpiry(http, connection, time) : null;
            connections.Add(connection);
            try
            {
                await connection.RunAsync();
            }
            finally
            {
                connections.Remove(connection);
            }
        }
        finally
        {
            admission.Release(request.UserId);
        }
    }

    // With authentication on, the socket's user comes from a socket ticket (?ticket=, for this conversation
    // only) or from a token (header or access_token). Writes the refusal when neither is valid.
    private static async Task<bool> AuthenticateAsync(HttpContext http, string conversationId, SocketTickets tickets)
    {
        if (http.Request.Query.TryGetValue(SocketTickets.QueryParameter, out var ticket))
        {
            SocketTicket? grant;
            try
            {
                grant = await tickets.RedeemAsync(ticket.ToString()).WaitAsync(http.RequestAborted);
            }
            catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
            {
                await RefuseAsync(http, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The ticket cannot be checked just now; ask for a new one and connect again.");
                return false;
            }

            if (grant is null)
            {
                await RefuseAsync(http, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "The ticket is unknown, used or expired: ask for a new one (POST /conversations/{id}/socket-ticket) and use it at once.");
                return false;
            }

            if (grant.ConversationId != conversationId)
            {
                await RefuseAsync(http, StatusCodes.Status403Forbidden, ErrorCodes.Unauthorized, $"The ticket opens conversation '{grant.ConversationId}', not '{conversationId}'.");
                return false;
            }

            http.User = SocketTickets.Principal(grant);
            return true;
        }

        if (http.User.Identity?.IsAuthenticated == true)
        {
            return true;
        }

        // The token handler says what is wrong with the token (missing, expired, bad signature, ...).
        await http.ChallengeAsync();
        return false;
    }

    // A socket lives no longer than the token it was opened with: at its expiry the client is told to come
    // back with a fresh one (system/reconnect, cause token_expired).
    private static ITimer? CloseOnTokenExpiry(HttpContext http, ConversationConnection connection, TimeProvider time)
    {
        if (TokenExpiry.Of(http.User) is not { } expires)
        {
            return null;
        }

        var due = expires - time.GetUtcNow();
        return time.CreateTimer(
            _ => connection.Drain(ReconnectCauses.TokenExpired, "The token this socket was opened with has expired; reconnect with a fresh one and last_seq."),
            null,
            due > TimeSpan.Zero ? due : TimeSpan.Zero,
            Timeout.InfiniteTimeSpan);
    }

    private static async Task<HttpRefusal?> CheckOwnerAsync(HttpContext http, CallerIdentity identity, string conversationId, string? userId)
    {
        if (identity.IsOperator(http))
        {
            // An operator watches the conversations they answer; that claims nobody's conversation.
            return null;
        }

        try
        {
            return await identity.CheckOwnerAsync(conversationId, userId).WaitAsync(http.RequestAborted);
        }
        catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            // Orleans has logged why; the client is told to try again.
            return new HttpRefusal(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The conversation is unavailable just now; connect again.");
        }
    }

    private static ConnectionRequest? ReadRequest(IQueryCollection query, string conversationId, GatewayOptions options)
    {
        long lastSeq = 0;
        if (query.TryGetValue("last_seq", out var rawSeq)
            && (!long.TryParse(rawSeq, NumberStyles.None, CultureInfo.InvariantCulture, out lastSeq)))
        {
            return null;
        }

        var userId = query.TryGetValue("user_id", out var rawUser) ? rawUser.ToString() : null;
        var userName = query.TryGetValue("user_name", out var rawName) ? rawName.ToString() : null;
        if (userId?.Length > MaxUserIdChars || userName?.Length > options.MaxUserNameChars)
        {
            return null;
        }

        return new ConnectionRequest(conversationId, lastSeq, NullIfEmpty(userId), NullIfEmpty(userName));
    }

    private static string QueryError(IQueryCollection query, GatewayOptions options) =>
        query.TryGetValue("last_seq", out var rawSeq) && !long.TryParse(rawSeq, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? "Query parameter last_seq must be a whole number, 0 or more."
            : $"Query parameter user_id may have at most {MaxUserIdChars} characters and user_name at most {options.MaxUserNameChars}.";

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static Task RefuseAsync(HttpContext http, int status, string code, string message) =>
        new HttpRefusal(status, code, message).WriteAsync(http);

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex ConversationIdPattern();
}
