using System.Globalization;
using System.Text.RegularExpressions;
using Conversations.Gateway.Auth;
using Conversations.Gateway.Hosting;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Telemetry;
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
        // Map, not MapGet: WebSockets over HTTP/2 arrive as CONNECT requests.
        endpoints.Map(Route, HandleAsync).RequireConversationsUser(endpoints.ServiceProvider);
        return endpoints;
    }

    /// <summary>The refusal of a conversation id that is not 1 to 128 of <c>A-Z a-z 0-9 . _ : -</c>.</summary>
    public static readonly HttpRefusal InvalidConversationId =
        new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidConversationId, "The conversation id must be 1 to 128 characters of A-Z a-z 0-9 . _ : -");

    /// <summary>Whether <paramref name="conversationId"/> is 1 to 128 of <c>A-Z a-z 0-9 . _ : -</c>.</summary>
    public static bool IsValidConversationId(string? conversationId) =>
        conversationId is not null && ConversationIdPattern().IsMatch(conversationId);

    private static async Task HandleAsync(
        HttpContext http,
        string conversationId,
        ConnectionRegistry connections,
        ConnectionAdmission admission,
        ConversationConnectionFactory factory,
        ConversationInstruments instruments,
        CallerIdentity identity,
        IOptions<GatewayOptions> options)
    {
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

        if (ReadRequest(http.Request.Query, conversationId, options.Value) is not { } request)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, ErrorCodes.InvalidMessage, QueryError(http.Request.Query, options.Value));
            return;
        }

        if (!identity.TryResolve(http, request.UserId, out var userId, out var refusedUser))
        {
            instruments.OnRejected(ErrorCodes.Unauthorized);
            await refusedUser!.WriteAsync(http);
            return;
        }

        request = request with { UserId = userId };
        if (connections.IsDraining)
        {
            await RefuseAsync(http, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "This node is shutting down; connect to another one.");
            return;
        }

        if (await CheckOwnerAsync(http, identity, conversationId, userId) is { } notOwner)
        {
            instruments.OnRejected(ErrorCodes.Unauthorized);
            await notOwner.WriteAsync(http);
            return;
        }

        var limits = options.Value;
        if (!admission.TryAdmit(request.UserId, limits.MaxConnections, limits.MaxConnectionsPerUser, out var refusal))
        {
            instruments.OnRejected(ConnectionAdmission.ErrorCode);
            await RefuseAsync(http, refusal.Status, ConnectionAdmission.ErrorCode, refusal.Message);
            return;
        }

        try
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            using var connection = factory.Create(socket, request);
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

    private static async Task<HttpRefusal?> CheckOwnerAsync(HttpContext http, CallerIdentity identity, string conversationId, string? userId)
    {
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
