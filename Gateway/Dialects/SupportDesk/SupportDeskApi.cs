using System.Globalization;
using System.Text.Json;
using Conversations.Gateway.Api;
using Conversations.Gateway.Auth;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Dialects.SupportDesk;

/// <summary>
/// The support desk's REST API under <c>/api/v1</c>, over the same grains and with the same checks as ours: the
/// caller is resolved (token, or <c>user_id</c> with authentication off), owners are checked, and the bodies are
/// bounded as ours are. Every answer is read from the conversation grains; nothing is kept here.
/// </summary>
internal sealed class SupportDeskApi(
    IGrainFactory grains,
    CallerIdentity identity,
    TurnRunner turns,
    ConnectionRegistry connections,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time)
{
    private const int DefaultPageSize = 20;

    /// <summary><c>POST /api/v1/chat/messages</c> <c>{"content"|"message", "conversation_id"?, "user_id"?, "message_id"?}</c>: one turn, answered with the reply and its agent.</summary>
    public async Task<IResult> SendAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
        {
            return Refuse(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.InvalidMessage, "Send a JSON body with Content-Type: application/json.");
        }

        var limits = options.CurrentValue;
        JsonDocument body;
        try
        {
            using var read = new MemoryStream();
            await http.Request.Body.CopyToAsync(read, cancellationToken);
            if (read.Length > limits.MaxFrameBytes)
            {
                return Refuse(StatusCodes.Status413PayloadTooLarge, ErrorCodes.MessageTooLarge, $"The body is over {limits.MaxFrameBytes} bytes.");
            }

            body = JsonDocument.Parse(read.ToArray());
        }
        catch (JsonException)
        {
            return Invalid("The body is not JSON; send {\"content\":\"…\"}.");
        }

        using (body)
        {
            var root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Invalid("The body must be a JSON object: {\"content\":\"…\"}.");
            }

            var content = DialectJson.Text(root, "content") ?? DialectJson.Text(root, "message");
            if (string.IsNullOrWhiteSpace(content))
            {
                return Invalid("Field 'content' is required and must not be blank.");
            }

            if (content.Length > limits.MaxContentChars)
            {
                return Refuse(StatusCodes.Status413PayloadTooLarge, ErrorCodes.MessageTooLarge, $"Field 'content' is {content.Length} characters long; at most {limits.MaxContentChars} are allowed.");
            }

            if (!identity.TryResolve(http, DialectJson.Text(root, "user_id"), out var userId, out var refusal))
            {
                return refusal!.ToResult();
            }

            var messageId = DialectJson.Text(root, "message_id");
            if (messageId is { Length: 0 or > InboundFrameParser.MaxMessageIdChars })
            {
                return Invalid($"Field 'message_id' must be 1 to {InboundFrameParser.MaxMessageIdChars} characters.");
            }

            var conversationId = DialectJson.Text(root, "conversation_id") ?? $"sd-{Guid.NewGuid():N}";
            if (!ConversationEndpoint.IsValidConversationId(conversationId))
            {
                return ConversationEndpoint.InvalidConversationId.ToResult();
            }

            if (userId is not null && await identity.ClaimAsync(conversationId, userId) is { } refused)
            {
                return refused.ToResult();
            }

            var result = await turns.RunAsync(conversationId, new UserMessage(messageId ?? DerivedMessageId.Fresh("sd-"), content, null, userId), cancellationToken);
            if (result is null)
            {
                return Refuse(StatusCodes.Status409Conflict, ErrorCodes.ConversationBusy, "A reply is being generated and this conversation takes one message at a time; send it again when the reply is complete.");
            }

            if (result.Status != "answered")
            {
                return Json(StatusCodes.Status202Accepted, (result, time.GetUtcNow()), static (w, s) =>
                {
                    w.WriteString("conversation_id", s.result.ConversationId);
                    w.WriteString("status", s.result.Status);
                    w.WriteString("error_code", s.result.ErrorCode);
                    w.WriteString("timestamp", s.Item2);
                });
            }

            // The reply frame itself carries the agent, tone and escalation the turn was answered with.
            var replay = await grains.GetGrain<IConversationGrain>(conversationId).ResumeAsync(result.Seq - 1);
            var frame = replay.Frames.FirstOrDefault(f => f.Seq == result.Seq);
            if (frame is null)
            {
                return Refuse(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The reply was stored but cannot be read just now; read it with GET /api/v1/chat/conversations/{id}.");
            }

            using var reply = JsonDocument.Parse(frame.Json);
            return Results.Bytes(SupportDeskReply.Write(reply.RootElement), "application/json");
        }
    }

    /// <summary><c>GET /api/v1/chat/conversations?user_id=&amp;page=&amp;page_size=</c>: a user's conversations, newest first.</summary>
    public async Task<IResult> ListAsync(HttpContext http)
    {
        var query = http.Request.Query;
        var declared = query.TryGetValue("user_id", out var raw) && !string.IsNullOrEmpty(raw) ? raw.ToString() : null;
        if (!identity.TryResolve(http, declared, out var userId, out var refusal))
        {
            return refusal!.ToResult();
        }

        if (userId is null)
        {
            return Invalid("Query parameter user_id is required.");
        }

        if (!TryReadInt(query, "page", 1, int.MaxValue, 1, out var page) || !TryReadInt(query, "page_size", 1, ConversationApi.MaxPageSize, DefaultPageSize, out var pageSize))
        {
            return Invalid($"Query parameters page (from 1) and page_size (1 to {ConversationApi.MaxPageSize}) must be whole numbers in range.");
        }

        var listed = await grains.GetGrain<IUserConversationsGrain>(userId).GetPageAsync(page, pageSize);
        var snapshots = await Task.WhenAll(listed.Items.Select(i => grains.GetGrain<IConversationGrain>(i.ConversationId).GetSnapshotAsync()));
        return Json(StatusCodes.Status200OK, (userId, page, pageSize, listed.Total, snapshots), static (w, s) =>
        {
            w.WriteString("user_id", s.userId);
            w.WriteNumber("page", s.page);
            w.WriteNumber("page_size", s.pageSize);
            w.WriteNumber("total", s.Total);
            w.WriteStartArray("conversations");
            foreach (var snapshot in s.snapshots)
            {
                w.WriteStartObject();
                WriteSummary(w, snapshot);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary><c>GET /api/v1/chat/conversations/{id}</c>: the conversation and its recent messages.</summary>
    public async Task<IResult> GetAsync(HttpContext http, string conversationId)
    {
        if (!ConversationEndpoint.IsValidConversationId(conversationId))
        {
            return ConversationEndpoint.InvalidConversationId.ToResult();
        }

        if (!identity.TryResolve(http, null, out var userId, out var refusal))
        {
            return refusal!.ToResult();
        }

        var details = await grains.GetGrain<IConversationGrain>(conversationId).GetDetailsAsync();
        if (!details.Exists)
        {
            return Refuse(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"There is no conversation '{conversationId}'.");
        }

        if (identity.Enabled && details.UserId != userId)
        {
            return CallerIdentity.Forbidden(conversationId).ToResult();
        }

        return Json(StatusCodes.Status200OK, details, static (w, d) =>
        {
            WriteSummary(w, d.Snapshot);
            w.WriteString("user_id", d.UserId);
            w.WriteStartArray("messages");
            foreach (var turn in d.Snapshot.RecentTurns)
            {
                w.WriteStartObject();
                w.WriteString("role", "user");
                w.WriteString("content", turn.UserMessage);
                w.WriteNumber("turn", turn.Turn);
                w.WriteEndObject();
                if (!turn.Failed && !turn.HandedOff)
                {
                    w.WriteStartObject();
                    w.WriteString("role", "assistant");
                    w.WriteString("content", turn.Reply);
                    w.WriteNumber("turn", turn.Turn);
                    w.WriteString("intent", turn.Intent.Name);
                    w.WriteNumber("confidence", turn.Intent.Confidence);
                    w.WriteNumber("response_time_ms", turn.ResponseTimeMs);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
        });
    }

    /// <summary><c>GET /api/v1/health</c>.</summary>
    public IResult Health() =>
        Json(StatusCodes.Status200OK, (time.GetUtcNow(), connections.Count, connections.IsDraining), static (w, s) =>
        {
            w.WriteString("status", s.IsDraining ? "draining" : "healthy");
            w.WriteString("timestamp", s.Item1);
            w.WriteNumber("active_connections", s.Count);
        });

    /// <summary><c>GET /api/v1/chat/ws/stats</c>: this gateway's sockets.</summary>
    public IResult Stats() =>
        Json(StatusCodes.Status200OK, connections.Connections.ToArray(), static (w, open) =>
        {
            w.WriteNumber("active_connections", open.Length);
            w.WriteNumber("active_users", open.Select(c => c.Request.UserId).Where(u => u is not null).Distinct(StringComparer.Ordinal).Count());
            w.WriteNumber("messages_received", open.Sum(c => c.FramesReceived));
            w.WriteNumber("messages_sent", open.Sum(c => c.FramesSent));
        });

    private static void WriteSummary(Utf8JsonWriter w, ConversationSnapshot snapshot)
    {
        w.WriteString("conversation_id", snapshot.ConversationId);
        w.WriteString("agent", SupportDeskReply.Agent(JsonNamingPersona(snapshot.Persona)));
        w.WriteString("state", snapshot.State.ToWireName());
        w.WriteNumber("message_count", snapshot.MessageCount);
        w.WriteNumber("frustration_level", snapshot.Frustration);
        w.WriteNumber("escalation_likelihood", snapshot.EscalationLikelihood);
        w.WriteString("summary", snapshot.Summary);
        w.WriteString("created_at", snapshot.CreatedAt);
        w.WriteString("updated_at", snapshot.UpdatedAt);
    }

    private static string JsonNamingPersona(Persona persona) => persona switch
    {
        Persona.TechSupport => "tech_support",
        Persona.Billing => "billing",
        Persona.Sales => "sales",
        _ => "general",
    };

    private static bool TryReadInt(IQueryCollection query, string name, int min, int max, int fallback, out int value)
    {
        value = fallback;
        return !query.TryGetValue(name, out var raw)
            || (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }

    private static IResult Json<TState>(int status, TState state, Action<Utf8JsonWriter, TState> write) =>
        Results.Text(DialectJson.Object(state, write), "application/json", status);

    private static IResult Invalid(string message) => Refuse(StatusCodes.Status400BadRequest, ErrorCodes.InvalidMessage, message);

    private static IResult Refuse(int status, string code, string message) => new HttpRefusal(status, code, message).ToResult();
}
