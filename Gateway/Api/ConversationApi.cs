using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Conversations.Gateway.Auth;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Api;

/// <summary>
/// The HTTP API's handlers. Each checks everything it was given before it touches a conversation, so a bad
/// request changes nothing; the conversation grain does the rest, exactly as for a socket. A call that fails
/// (the cluster cannot be reached, or a fault of ours) is answered by <see cref="ApiExceptionHandler"/>.
/// </summary>
public sealed partial class ConversationApi(
    IGrainFactory grains,
    CallerIdentity identity,
    SocketTickets tickets,
    TurnRunner turns,
    IOptionsMonitor<GatewayOptions> options,
    ILogger<ConversationApi> logger)
{
    /// <summary>The longest feedback comment, in characters.</summary>
    public const int MaxCommentChars = 1000;

    /// <summary>The most conversations on one page of a list.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The header that makes a retried request answer as the first one did.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private const int DefaultPageSize = 20;

    /// <summary><c>POST /conversations</c>.</summary>
    public async Task<IResult> CreateAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var (body, refusal) = await ReadAsync(http, ApiJsonContext.Default.CreateConversationRequest, cancellationToken);
        if (body is null)
        {
            return refusal!.ToResult();
        }

        if (!identity.TryResolve(http, body.UserId, out var userId, out refusal))
        {
            return refusal!.ToResult();
        }

        if (userId is null)
        {
            return Invalid("Field 'user_id' is required: the conversation belongs to a user.");
        }

        if (body.NamesBoth)
        {
            return Invalid("Fields 'message' and 'initial_message' both name the first message: give one of them.");
        }

        if ((CheckUser(userId, body.UserName) ?? (body.FirstMessage is null && body.MessageId is null ? null : CheckMessage(body.FirstMessage, body.MessageId))) is { } bad)
        {
            return bad.ToResult();
        }

        if (ReadIdempotencyKey(http, out var key) is { } badKey)
        {
            return badKey.ToResult();
        }

        // With a key, the conversation's id follows from it: a retry reaches the same conversation (and
        // its first message the same turn) instead of starting another.
        var conversationId = key is null ? $"c-{Guid.NewGuid():N}" : ConversationIdFor(userId, key);
        if (await identity.ClaimAsync(conversationId, userId) is { } refused)
        {
            return refused.ToResult();
        }

        var grain = grains.GetGrain<IConversationGrain>(conversationId);
        TurnResult? first = null;
        if (body.FirstMessage is { } firstMessage)
        {
            first = await turns.RunAsync(conversationId, new UserMessage(body.MessageId ?? key ?? NewMessageId(), firstMessage, body.UserName, userId), cancellationToken);
        }

        var snapshot = await grain.GetSnapshotAsync();
        LogCreated(conversationId, userId);
        http.Response.Headers.Location = $"/conversations/{conversationId}";
        return Results.Json(
            new ConversationCreated(conversationId, userId, snapshot.State, snapshot.CreatedAt, first),
            ApiJsonContext.Default.ConversationCreated,
            statusCode: StatusCodes.Status201Created);
    }

    /// <summary><c>GET /conversations/{conversationId}</c>.</summary>
    public async Task<IResult> GetAsync(HttpContext http, string conversationId)
    {
        if (CheckConversationId(conversationId) is { } badId)
        {
            return badId.ToResult();
        }

        if (Resolve(http, null, out var userId) is { } refusal)
        {
            return refusal.ToResult();
        }

        var (details, denied) = await ReadableAsync(conversationId, userId);
        if (details is null)
        {
            return denied!.ToResult();
        }

        var snapshot = details.Snapshot;
        return Results.Json(
            new ConversationView(conversationId, details.UserId, snapshot.State, snapshot.PreviousState, details.Transitions, snapshot, details.Feedback),
            ApiJsonContext.Default.ConversationView);
    }

    /// <summary><c>POST /conversations/{conversationId}/transition</c>.</summary>
    public async Task<IResult> TransitionAsync(HttpContext http, string conversationId, CancellationToken cancellationToken)
    {
        if (CheckConversationId(conversationId) is { } badId)
        {
            return badId.ToResult();
        }

        var (body, refusal) = await ReadAsync(http, ApiJsonContext.Default.TransitionRequest, cancellationToken);
        if (body is null)
        {
            return refusal!.ToResult();
        }

        if (body.NamesBoth)
        {
            return Invalid("Fields 'message' and 'user_message' both name the message: give one of them.");
        }

        if ((Resolve(http, body.UserId, out var userId)
            ?? (userId is null ? null : CheckUser(userId, body.UserName))
            ?? CheckName(body.UserName)
            ?? CheckMessage(body.Text, body.MessageId)
            ?? await identity.CheckOwnerAsync(conversationId, userId)) is { } bad)
        {
            return bad.ToResult();
        }

        if (ReadIdempotencyKey(http, out var key) is { } badKey)
        {
            return badKey.ToResult();
        }

        if (key is not null && body.MessageId is not null && key != body.MessageId)
        {
            return Invalid($"Header {IdempotencyKeyHeader} and field 'message_id' name the same message: give one of them, or the same value in both.");
        }

        // Without either, a retry cannot be told from a new message and becomes a second turn.
        var messageId = body.MessageId ?? key ?? NewMessageId();
        var result = await turns.RunAsync(conversationId, new UserMessage(messageId, body.Text!, body.UserName, userId), cancellationToken);
        if (result is null)
        {
            return new HttpRefusal(
                StatusCodes.Status409Conflict,
                ErrorCodes.ConversationBusy,
                $"A reply is being generated and this conversation takes one message at a time. Message '{messageId}' was not stored; send it again when the reply is complete.").ToResult();
        }

        return Results.Json(
            result,
            ApiJsonContext.Default.TurnResult,
            statusCode: result.Status == "pending" ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
    }

    /// <summary><c>GET /conversations?user_id=&amp;page=&amp;page_size=</c>.</summary>
    public async Task<IResult> ListAsync(HttpContext http)
    {
        var query = http.Request.Query;
        var declared = query.TryGetValue("user_id", out var raw) && !string.IsNullOrEmpty(raw) ? raw.ToString() : null;
        if (Resolve(http, declared, out var userId) is { } refusal)
        {
            return refusal.ToResult();
        }

        if (userId is null)
        {
            return Invalid("Query parameter user_id is required.");
        }

        if (!TryReadInt(query, "page", 1, 1, int.MaxValue, out var page)
            || !TryReadInt(query, "page_size", DefaultPageSize, 1, MaxPageSize, out var pageSize))
        {
            return Invalid($"Query parameters page (from 1) and page_size (1 to {MaxPageSize}) must be whole numbers in range.");
        }

        var result = await grains.GetGrain<IUserConversationsGrain>(userId).GetPageAsync(page, pageSize);
        return Results.Json(new ConversationList(userId, page, pageSize, result.Total, result.Items), ApiJsonContext.Default.ConversationList);
    }

    /// <summary><c>POST /conversations/{conversationId}/feedback</c>.</summary>
    public async Task<IResult> FeedbackAsync(HttpContext http, string conversationId, CancellationToken cancellationToken)
    {
        if (CheckConversationId(conversationId) is { } badId)
        {
            return badId.ToResult();
        }

        var (body, refusal) = await ReadAsync(http, ApiJsonContext.Default.FeedbackRequest, cancellationToken);
        if (body is null)
        {
            return refusal!.ToResult();
        }

        if ((Resolve(http, null, out var userId) ?? CheckFeedback(body)) is { } bad)
        {
            return bad.ToResult();
        }

        var (details, denied) = await ReadableAsync(conversationId, userId);
        if (details is null)
        {
            return denied!.ToResult();
        }

        var feedback = new TurnFeedback(body.Turn!.Value, body.Rating!.Value, string.IsNullOrWhiteSpace(body.Comment) ? null : body.Comment, default);
        var outcome = await grains.GetGrain<IConversationGrain>(conversationId).RateTurnAsync(feedback);
        return outcome switch
        {
            FeedbackOutcome.UnknownTurn => NotFound($"Conversation '{conversationId}' has no turn {feedback.Turn}."),
            FeedbackOutcome.NotAnswered => new HttpRefusal(StatusCodes.Status409Conflict, ErrorCodes.ConversationBusy, $"Turn {feedback.Turn} is still being answered; rate it once its reply is complete.").ToResult(),
            _ => Results.Json(
                new FeedbackStored(conversationId, feedback.Turn, feedback.Rating, feedback.Comment, DateTimeOffset.UtcNow),
                ApiJsonContext.Default.FeedbackStored),
        };
    }

    /// <summary><c>POST /conversations/{conversationId}/socket-ticket</c>.</summary>
    public async Task<IResult> TicketAsync(HttpContext http, string conversationId)
    {
        if (CheckConversationId(conversationId) is { } badId)
        {
            return badId.ToResult();
        }

        if (!identity.Enabled)
        {
            return Invalid($"Authentication is off: connect to /ws/conversation/{conversationId} directly; tickets stand in for tokens.");
        }

        if ((Resolve(http, null, out var userId) ?? await identity.CheckOwnerAsync(conversationId, userId)) is { } refused)
        {
            return refused.ToResult();
        }

        var (ticket, grant) = await tickets.IssueAsync(userId!, conversationId, TokenExpiry.Of(http.User));
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(
            new SocketTicketIssued(ticket, conversationId, grant.ExpiresAt, $"/ws/conversation/{conversationId}?{SocketTickets.QueryParameter}={ticket}"),
            ApiJsonContext.Default.SocketTicketIssued);
    }

    // Someone's conversation may be read by them alone; one without an owner (made while authentication was
    // off) becomes the reader's, as it would by talking to it.
    private async Task<(ConversationDetails? Details, HttpRefusal? Refusal)> ReadableAsync(string conversationId, string? userId)
    {
        var grain = grains.GetGrain<IConversationGrain>(conversationId);
        var details = await grain.GetDetailsAsync();
        if (!details.Exists)
        {
            return (null, new HttpRefusal(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"There is no conversation '{conversationId}'."));
        }

        if (!identity.Enabled || details.UserId == userId)
        {
            return (details, null);
        }

        if (details.UserId is not null)
        {
            return (null, CallerIdentity.Forbidden(conversationId));
        }

        var refused = await identity.ClaimAsync(conversationId, userId!);
        return refused is null ? (await grain.GetDetailsAsync(), null) : (null, refused);
    }

    private HttpRefusal? Resolve(HttpContext http, string? declared, out string? userId) =>
        identity.TryResolve(http, declared, out userId, out var refusal) ? null : refusal;

    private async Task<(T? Body, HttpRefusal? Refusal)> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, new HttpRefusal(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.InvalidMessage, "Send a JSON body with Content-Type: application/json."));
        }

        var max = options.CurrentValue.MaxFrameBytes;
        var tooLarge = new HttpRefusal(StatusCodes.Status413PayloadTooLarge, ErrorCodes.MessageTooLarge, $"The body is over {max} bytes.");
        if (http.Request.ContentLength > max)
        {
            return (null, tooLarge);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(max + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= max && (read = await http.Request.Body.ReadAsync(buffer.AsMemory(length, max + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }

            if (length > max)
            {
                return (null, tooLarge);
            }

            var body = JsonSerializer.Deserialize(buffer.AsSpan(0, length), type);
            return body is null ? (null, Refusal("The body must be a JSON object.")) : (body, null);
        }
        catch (JsonException exception)
        {
            return (null, Refusal($"The body is not a valid request: {exception.Message}"));
        }
        catch (BadHttpRequestException exception)
        {
            return (null, Refusal($"The body could not be read: {exception.Message}"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private HttpRefusal? CheckMessage(string? message, string? messageId)
    {
        var limits = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(message))
        {
            return Refusal("Field 'message' is required and must not be blank.");
        }

        if (message.Length > limits.MaxContentChars)
        {
            return new HttpRefusal(StatusCodes.Status413PayloadTooLarge, ErrorCodes.MessageTooLarge, $"Field 'message' is {message.Length} characters long; at most {limits.MaxContentChars} are allowed.");
        }

        return messageId is not null && (messageId.Length == 0 || messageId.Length > InboundFrameParser.MaxMessageIdChars)
            ? Refusal($"Field 'message_id' must be 1 to {InboundFrameParser.MaxMessageIdChars} characters.")
            : null;
    }

    private HttpRefusal? CheckUser(string userId, string? userName) =>
        userId.Length > ConversationEndpoint.MaxUserIdChars || string.IsNullOrWhiteSpace(userId)
            ? Refusal($"Field 'user_id' must be 1 to {ConversationEndpoint.MaxUserIdChars} characters.")
            : CheckName(userName);

    private HttpRefusal? CheckName(string? userName) =>
        userName?.Length > options.CurrentValue.MaxUserNameChars
            ? Refusal($"Field 'user_name' may have at most {options.CurrentValue.MaxUserNameChars} characters.")
            : null;

    private static HttpRefusal? CheckFeedback(FeedbackRequest body) =>
        body.Turn is not >= 1 ? Refusal("Field 'turn' is required: the number of the answered turn rated, from 1.")
        : body.Rating is not (>= 1 and <= 5) ? Refusal("Field 'rating' is required: a whole number from 1 (bad) to 5 (good).")
        : body.Comment?.Length > MaxCommentChars ? Refusal($"Field 'comment' may have at most {MaxCommentChars} characters.")
        : null;

    private static HttpRefusal? CheckConversationId(string conversationId) =>
        ConversationEndpoint.IsValidConversationId(conversationId)
            ? null
            : ConversationEndpoint.InvalidConversationId;

    private static bool TryReadInt(IQueryCollection query, string name, int fallback, int min, int max, out int value)
    {
        value = fallback;
        return !query.TryGetValue(name, out var raw)
            || (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }

    private static string NewMessageId() => $"http-{Guid.NewGuid():N}";

    private static HttpRefusal? ReadIdempotencyKey(HttpContext http, out string? key)
    {
        key = null;
        if (!http.Request.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            return null;
        }

        key = values.ToString();
        return values.Count == 1 && key.Length is >= 1 and <= InboundFrameParser.MaxMessageIdChars
            ? null
            : Refusal($"Header {IdempotencyKeyHeader} must be given once, 1 to {InboundFrameParser.MaxMessageIdChars} characters.");
    }

    // The same user and key always name the same conversation; another user's key never names theirs.
    private static string ConversationIdFor(string userId, string key) =>
        $"c-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{userId}\n{key}")))[..32]}";

    private static HttpRefusal Refusal(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidMessage, message);

    private static IResult Invalid(string message) => Refusal(message).ToResult();

    private static IResult NotFound(string message) => new HttpRefusal(StatusCodes.Status404NotFound, ErrorCodes.NotFound, message).ToResult();

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Conversation {ConversationId} created for {UserId} over HTTP")]
    private partial void LogCreated(string conversationId, string userId);
}
