using System.Globalization;
using System.Text.Json;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.Dialects.SupportDesk;

/// <summary>
/// The support desk's chat socket (<c>/api/v1/chat/ws/{client_id}</c>, <c>/api/v1/chat/ws</c>). In:
/// <c>{"content":"…"}</c> (and <c>{"type":"ping"}</c>). Out: the reply as
/// <c>{"role":"assistant","content","agent","intent","intent_data":{…}}</c>; everything else of the log (acks,
/// progress, pieces of the reply, state changes) has no frame of its own here and is not shown.
/// </summary>
internal sealed class SupportDeskDialect(GatewayOptions gateway, bool announcesId) : ISocketDialect
{
    /// <summary>The <c>type</c> of the frame that tells a client on <c>/api/v1/chat/ws</c> the id it was given.</summary>
    public const string Connected = "connection_established";

    private const string IdPrefix = "sd-";

    /// <inheritdoc />
    public string Name => "support_desk";

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
            return InboundFrame.Invalid("The frame is not JSON; send {\"content\":\"…\"}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return InboundFrame.Invalid("The frame must be a JSON object: {\"content\":\"…\"}.");
            }

            if (DialectJson.Text(root, "type") == FrameTypes.Ping)
            {
                return InboundFrame.Valid(new ClientFrame { Type = FrameTypes.Ping });
            }

            var content = DialectJson.Text(root, "content");
            if (string.IsNullOrWhiteSpace(content))
            {
                return InboundFrame.Invalid("Field 'content' is missing or empty.", "content");
            }

            if (content.Length > gateway.MaxContentChars)
            {
                return InboundFrame.TooLarge($"Field 'content' is {content.Length} characters long; at most {gateway.MaxContentChars} are allowed.", "content", gateway.MaxContentChars);
            }

            // A client that names its message (message_id) is answered once however often it sends it; without a
            // name, every frame is a message of its own.
            var named = DialectJson.Text(root, "message_id");
            if (named is { Length: > InboundFrameParser.MaxMessageIdChars })
            {
                return InboundFrame.Invalid($"Field 'message_id' may have at most {InboundFrameParser.MaxMessageIdChars} characters.", "message_id");
            }

            var id = string.IsNullOrEmpty(named) ? DerivedMessageId.Fresh(IdPrefix) : named;
            return InboundFrame.Valid(new ClientFrame { Type = FrameTypes.UserMessage, Id = id, Content = content });
        }
    }

    /// <inheritdoc />
    public byte[]? Log(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var frame = document.RootElement;
        return DialectJson.Text(frame, "type") switch
        {
            FrameTypes.AssistantMessage => SupportDeskReply.Write(frame),
            FrameTypes.Error => ErrorFrame(
                DialectJson.Text(frame, "timestamp")!,
                DialectJson.Text(frame, "error_code")!,
                DialectJson.Text(frame, "message")!,
                frame.GetProperty("retry_suggested").GetBoolean()),
            _ => null,
        };
    }

    /// <inheritdoc />
    public byte[]? Greeting(DateTime now, string conversationId) =>
        announcesId
            ? DialectJson.Object((now, conversationId), (w, s) =>
            {
                w.WriteString("type", Connected);
                w.WriteString("client_id", s.conversationId);
                w.WriteString("timestamp", s.now);
            })
            : null;

    /// <inheritdoc />
    public byte[]? Resumed(DateTime now, ConversationSnapshot snapshot) => null;

    /// <inheritdoc />
    public byte[]? ResyncRequired(DateTime now, ConversationSnapshot snapshot, long requestedLastSeq) => null;

    /// <inheritdoc />
    public byte[]? Reconnect(DateTime now, string conversationId, string reason, string cause) => null;

    /// <inheritdoc />
    public byte[] Error(DateTime now, string conversationId, DialectError error) =>
        ErrorFrame(now.ToString("O", CultureInfo.InvariantCulture), error.Code, error.Message, error.RetrySuggested);

    /// <inheritdoc />
    public byte[] Pong(DateTime now) => DialectJson.Object(now, (w, t) =>
    {
        w.WriteString("type", FrameTypes.Pong);
        w.WriteString("timestamp", t);
    });

    private static byte[] ErrorFrame(string timestamp, string code, string message, bool retrySuggested) =>
        DialectJson.Object((timestamp, code, message, retrySuggested), (w, e) =>
        {
            w.WriteString("type", FrameTypes.Error);
            w.WriteString("error_code", e.code);
            w.WriteString("message", e.message);
            w.WriteBoolean("retry_suggested", e.retrySuggested);
            w.WriteString("timestamp", e.timestamp);
        });
}
