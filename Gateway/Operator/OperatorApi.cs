using System.Text.Json;
using Conversations.Gateway.Api;
using Conversations.Gateway.Auth;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Operator;

/// <summary>
/// The operator endpoints' handlers: the queue of handed-off conversations, and take over, reply and hand back,
/// each one call to the conversation grain, which stores the frame in the conversation's log.
/// </summary>
public sealed partial class OperatorApi(
    IGrainFactory grains,
    CallerIdentity identity,
    IOptionsMonitor<GatewayOptions> options,
    ILogger<OperatorApi> logger)
{
    /// <summary>The claim that names the operator to users, when the token has one.</summary>
    public const string NameClaim = "name";

    /// <summary>The operator id when authentication is off and the caller gives none.</summary>
    public const string DefaultOperatorId = "operator";

    /// <summary>The longest operator id or name, in characters.</summary>
    public const int MaxOperatorChars = 100;

    /// <summary><c>GET /api/v1/operator/queue</c>.</summary>
    public async Task<IResult> QueueAsync()
    {
        var entries = await Queue.ListAsync();
        var held = entries.Count(e => e.TakenBy is not null);
        return Results.Json(new OperatorQueue(entries, entries.Count - held, held), ApiJsonContext.Default.OperatorQueue);
    }

    /// <summary>
    /// <c>GET /api/v1/operator/conversations/{conversationId}</c>: the conversation's snapshot, whose recent turns
    /// hold the user's messages (the log's <c>ack</c> frames carry only their ids).
    /// </summary>
    public async Task<IResult> ConversationAsync(string conversationId)
    {
        if (!ConversationEndpoint.IsValidConversationId(conversationId))
        {
            return ConversationEndpoint.InvalidConversationId.ToResult();
        }

        var details = await grains.GetGrain<IConversationGrain>(conversationId).GetDetailsAsync();
        return details.Exists
            ? Results.Json(details.Snapshot, ApiJsonContext.Default.ConversationSnapshot)
            : new HttpRefusal(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"There is no conversation '{conversationId}'.").ToResult();
    }

    /// <summary><c>POST /api/v1/operator/conversations/{conversationId}/take</c>.</summary>
    public Task<IResult> TakeAsync(HttpContext http, string conversationId, CancellationToken cancellationToken) =>
        ActAsync(http, conversationId, requireContent: false, (grain, by, _) => grain.TakeOverAsync(by), cancellationToken);

    /// <summary><c>POST /api/v1/operator/conversations/{conversationId}/reply</c>.</summary>
    public Task<IResult> ReplyAsync(HttpContext http, string conversationId, CancellationToken cancellationToken) =>
        ActAsync(http, conversationId, requireContent: true, (grain, by, content) => grain.ReplyAsOperatorAsync(by, content!), cancellationToken);

    /// <summary><c>POST /api/v1/operator/conversations/{conversationId}/hand-back</c>.</summary>
    public Task<IResult> HandBackAsync(HttpContext http, string conversationId, CancellationToken cancellationToken) =>
        ActAsync(http, conversationId, requireContent: false, (grain, by, _) => grain.HandBackAsync(by), cancellationToken);

    private IHandoffQueueGrain Queue => grains.GetGrain<IHandoffQueueGrain>(IHandoffQueueGrain.Key);

    private async Task<IResult> ActAsync(
        HttpContext http,
        string conversationId,
        bool requireContent,
        Func<IConversationGrain, OperatorIdentity, string?, Task<OperatorResult>> act,
        CancellationToken cancellationToken)
    {
        if (!ConversationEndpoint.IsValidConversationId(conversationId))
        {
            return ConversationEndpoint.InvalidConversationId.ToResult();
        }

        var (body, refusal) = await ReadAsync(http, requireContent, cancellationToken);
        if (body is null)
        {
            return refusal!.ToResult();
        }

        if ((ResolveOperator(http, body, out var by) ?? (requireContent ? CheckContent(body.Content) : null)) is { } bad)
        {
            return bad.ToResult();
        }

        var result = await act(grains.GetGrain<IConversationGrain>(conversationId), by!, body.Content);
        LogOperatorAction(conversationId, by!.Id, result.Outcome);
        return result.Outcome switch
        {
            OperatorOutcome.NotHandedOff => new HttpRefusal(
                StatusCodes.Status409Conflict,
                ErrorCodes.NotHandedOff,
                $"Conversation '{conversationId}' is not handed to a person: the assistant is answering it.").ToResult(),
            OperatorOutcome.HeldByAnother => new HttpRefusal(
                StatusCodes.Status409Conflict,
                ErrorCodes.ConversationHeld,
                $"Operator '{result.HeldBy?.Name}' holds conversation '{conversationId}'.").ToResult(),
            OperatorOutcome.NotHeld => new HttpRefusal(
                StatusCodes.Status409Conflict,
                ErrorCodes.ConversationHeld,
                $"Take conversation '{conversationId}' over first (POST /api/v1/operator/conversations/{conversationId}/take).").ToResult(),
            _ => Results.Json(new OperatorActionResult(conversationId, result.Outcome, result.Seq, result.HeldBy), ApiJsonContext.Default.OperatorActionResult),
        };
    }

    // Who the operator is: the token's subject when authentication is on, whoever the caller says otherwise.
    private HttpRefusal? ResolveOperator(HttpContext http, OperatorRequest body, out OperatorIdentity? by)
    {
        by = null;
        var id = body.OperatorId;
        if (identity.Enabled)
        {
            var subject = http.User.FindFirst(CallerIdentity.SubjectClaim)?.Value;
            if (string.IsNullOrEmpty(subject))
            {
                return new HttpRefusal(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "The request has no token with a 'sub' claim naming the operator.");
            }

            if (id is not null && id != subject)
            {
                return new HttpRefusal(StatusCodes.Status403Forbidden, ErrorCodes.Unauthorized, $"operator_id '{id}' is not the operator of the token; leave it out.");
            }

            id = subject;
        }

        id = string.IsNullOrWhiteSpace(id) ? DefaultOperatorId : id.Trim();
        var name = body.OperatorName?.Trim() is { Length: > 0 } given ? given : http.User.FindFirst(NameClaim)?.Value ?? id;
        if (id.Length > MaxOperatorChars || name.Length > MaxOperatorChars)
        {
            return Refusal($"Fields 'operator_id' and 'operator_name' may have at most {MaxOperatorChars} characters.");
        }

        by = new OperatorIdentity(id, name);
        return null;
    }

    private HttpRefusal? CheckContent(string? content)
    {
        var max = options.CurrentValue.MaxContentChars;
        if (string.IsNullOrWhiteSpace(content))
        {
            return Refusal("Field 'content' is required and must not be blank.");
        }

        return content.Length > max
            ? new HttpRefusal(StatusCodes.Status413PayloadTooLarge, ErrorCodes.MessageTooLarge, $"Field 'content' is {content.Length} characters long; at most {max} are allowed.")
            : null;
    }

    // Take over and hand back need no body; a reply does. A body is JSON, at most Gateway:MaxFrameBytes.
    private async Task<(OperatorRequest? Body, HttpRefusal? Refusal)> ReadAsync(HttpContext http, bool required, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (!required && request.ContentLength is null or 0 && !request.HasJsonContentType())
        {
            return (new OperatorRequest(), null);
        }

        if (!request.HasJsonContentType())
        {
            return (null, new HttpRefusal(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.InvalidMessage, "Send a JSON body with Content-Type: application/json."));
        }

        var max = options.CurrentValue.MaxFrameBytes;
        if (request.ContentLength > max)
        {
            return (null, new HttpRefusal(StatusCodes.Status413PayloadTooLarge, ErrorCodes.MessageTooLarge, $"The body is over {max} bytes."));
        }

        try
        {
            using var limited = new MemoryStream();
            var buffer = new byte[4096];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (limited.Length + read > max)
                {
                    return (null, new HttpRefusal(StatusCodes.Status413PayloadTooLarge, ErrorCodes.MessageTooLarge, $"The body is over {max} bytes."));
                }

                limited.Write(buffer, 0, read);
            }

            if (limited.Length == 0 && !required)
            {
                return (new OperatorRequest(), null);
            }

            var body = JsonSerializer.Deserialize(limited.GetBuffer().AsSpan(0, (int)limited.Length), ApiJsonContext.Default.OperatorRequest);
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
    }

    private static HttpRefusal Refusal(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidMessage, message);

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Operator {OperatorId} on conversation {ConversationId}: {Outcome}")]
    private partial void LogOperatorAction(string conversationId, string operatorId, OperatorOutcome outcome);
}
