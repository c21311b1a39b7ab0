using System.Globalization;
using System.Text.Json;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Dialects.MeetingMuse;

/// <summary>
/// The MeetingMuse WebSocket server's frames (<c>/ws/{client_id}</c>). In:
/// <c>{"type":"user_message","content","timestamp","session_id"}</c>, without a message id. Out: the reply as
/// <c>{"content","timestamp","session_id"}</c> (no <c>type</c>), <c>system</c> frames for processing, its steps,
/// waiting for input and a resumed conversation, and errors with <c>error_code</c>, <c>retry_suggested</c> and
/// <c>metadata</c>. Acks, state changes and hand-offs have no MeetingMuse frame and are not shown.
/// </summary>
internal sealed class MeetingMuseDialect(IOptionsMonitor<GatewayOptions> gateway, IOptions<MeetingMuseOptions> options) : ISocketDialect
{
    /// <summary>MeetingMuse's code for a frame that is not JSON or lacks a field.</summary>
    public const string InvalidMessageFormat = "INVALID_MESSAGE_FORMAT";

    /// <summary>The <c>type</c> of a piece of a reply, when streaming is on.</summary>
    public const string PartialResponse = "partial_response";

    private const string IdPrefix = "mm-";

    /// <inheritdoc />
    public string Name => "meetingmuse";

    /// <inheritdoc />
    public bool StartsAtEnd => true;

    /// <inheritdoc />
    public InboundFrame Parse(string conversationId, ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException)
        {
            return InboundFrame.Invalid("Message format is invalid: the frame is not JSON. Send {\"type\":\"user_message\",\"content\":\"…\",\"timestamp\":\"…\",\"session_id\":\"…\"}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return InboundFrame.Invalid("Message format is invalid: the frame must be a JSON object.");
            }

            var type = DialectJson.Text(root, "type");
            if (type == FrameTypes.Ping)
            {
                return InboundFrame.Valid(new ClientFrame { Type = FrameTypes.Ping });
            }

            if (type != FrameTypes.UserMessage)
            {
                return InboundFrame.Invalid("Message format is invalid: field 'type' must be \"user_message\".", "type");
            }

            var content = DialectJson.Text(root, "content");
            if (string.IsNullOrWhiteSpace(content))
            {
                return InboundFrame.Invalid("Message format is invalid: field 'content' is missing or empty.", "content");
            }

            var limit = gateway.CurrentValue.MaxContentChars;
            if (content.Length > limit)
            {
                return InboundFrame.TooLarge($"Field 'content' is {content.Length} characters long; at most {limit} are allowed.", "content", limit);
            }

            if (HasWrongType(root, "timestamp") || HasWrongType(root, "session_id"))
            {
                return InboundFrame.Invalid("Message format is invalid: fields 'timestamp' and 'session_id' must be strings when given.");
            }

            // The same frame sent again (a client unsure whether it arrived) names the same turn. Without a
            // timestamp nothing tells a resend from a second message saying the same: each is a turn.
            var timestamp = DialectJson.Text(root, "timestamp");
            var session = DialectJson.Text(root, "session_id") ?? conversationId;
            var id = timestamp is null ? DerivedMessageId.Fresh(IdPrefix) : DerivedMessageId.From(IdPrefix, session, timestamp, content);
            return InboundFrame.Valid(new ClientFrame { Type = FrameTypes.UserMessage, Id = id, Content = content });
        }
    }

    /// <inheritdoc />
    public byte[]? Log(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var frame = document.RootElement;
        var timestamp = DialectJson.Text(frame, "timestamp")!;
        switch (DialectJson.Text(frame, "type"))
        {
            case FrameTypes.AssistantMessage:
                return DialectJson.Object(frame, (w, f) =>
                {
                    w.WriteString("content", DialectJson.Text(f, "content"));
                    w.WriteString("timestamp", DialectJson.Text(f, "timestamp"));
                    w.WriteString("session_id", DialectJson.Text(f, "session_id"));
                });
            case FrameTypes.AssistantDelta when options.Value.Streaming:
                return DialectJson.Object(frame, (w, f) =>
                {
                    w.WriteString("type", PartialResponse);
                    w.WriteString("content", DialectJson.Text(f, "delta"));
                    w.WriteString("timestamp", DialectJson.Text(f, "timestamp"));
                    w.WriteString("session_id", DialectJson.Text(f, "conversation_id"));
                });
            case FrameTypes.System:
                return SystemNotice(frame, timestamp);
            case FrameTypes.Error:
                var metadata = frame.GetProperty("metadata");
                return ErrorFrame(
                    timestamp,
                    DialectJson.Text(frame, "error_code")!,
                    DialectJson.Text(frame, "message")!,
                    frame.GetProperty("retry_suggested").GetBoolean(),
                    metadata.TryGetProperty("fallback_available", out var fallback) && fallback.ValueKind == JsonValueKind.True);
            default:
                return null;
        }
    }

    /// <inheritdoc />
    public byte[]? Greeting(DateTime now, string conversationId) => null;

    /// <inheritdoc />
    public byte[]? Resumed(DateTime now, ConversationSnapshot snapshot) =>
        DialectJson.Object((now, snapshot), (w, s) =>
        {
            w.WriteString("type", FrameTypes.System);
            w.WriteString("content", SystemContents.ConversationResumed);
            w.WriteString("timestamp", s.now);
            w.WriteStartObject("metadata");
            w.WriteString("conversation_summary", s.snapshot.Summary);
            w.WriteNumber("message_count", s.snapshot.MessageCount);

            // What the conversation waits for from the user is the one action pending on their side.
            w.WriteStartArray("pending_actions");
            if (s.snapshot.WaitingForInput is { } waiting)
            {
                w.WriteStringValue(waiting.NextStep);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <inheritdoc />
    public byte[]? ResyncRequired(DateTime now, ConversationSnapshot snapshot, long requestedLastSeq) => null;

    /// <inheritdoc />
    public byte[]? Reconnect(DateTime now, string conversationId, string reason, string cause) => null;

    /// <inheritdoc />
    public byte[] Error(DateTime now, string conversationId, DialectError error) =>
        ErrorFrame(
            now.ToString("O", CultureInfo.InvariantCulture),
            error.Code == ErrorCodes.InvalidMessage ? InvalidMessageFormat : error.Code,
            error.Message,
            error.RetrySuggested,
            fallbackAvailable: false);

    /// <inheritdoc />
    public byte[] Pong(DateTime now) => DialectJson.Object(now, (w, t) =>
    {
        w.WriteString("type", FrameTypes.Pong);
        w.WriteString("timestamp", t);
    });

    private static byte[]? SystemNotice(JsonElement frame, string timestamp)
    {
        var content = DialectJson.Text(frame, "content");
        if (content is not (SystemContents.Processing or SystemContents.ProcessingStep or SystemContents.WaitingForInput))
        {
            return null;
        }

        return DialectJson.Object((frame, content, timestamp), (w, s) =>
        {
            w.WriteString("type", FrameTypes.System);
            w.WriteString("content", s.content);
            w.WriteString("timestamp", s.timestamp);
            if (s.content == SystemContents.Processing)
            {
                return;
            }

            var metadata = s.frame.GetProperty("metadata");
            w.WriteStartObject("metadata");
            string[] names = s.content == SystemContents.ProcessingStep
                ? ["step", "progress"]
                : ["prompt", "next_step", "expected_input", "suggestions"];
            foreach (var name in names)
            {
                DialectJson.CopyIfPresent(w, metadata, name);
            }

            w.WriteEndObject();
        });
    }

    private static byte[] ErrorFrame(string timestamp, string code, string message, bool retrySuggested, bool fallbackAvailable) =>
        DialectJson.Object((timestamp, code, message, retrySuggested, fallbackAvailable), (w, e) =>
        {
            w.WriteString("type", FrameTypes.Error);
            w.WriteString("error_code", e.code);
            w.WriteString("message", e.message);
            w.WriteString("timestamp", e.timestamp);
            w.WriteBoolean("retry_suggested", e.retrySuggested);
            w.WriteStartObject("metadata");
            w.WriteBoolean("conversation_preserved", true);
            w.WriteBoolean("fallback_available", e.fallbackAvailable);
            w.WriteEndObject();
        });

    private static bool HasWrongType(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null);
}
