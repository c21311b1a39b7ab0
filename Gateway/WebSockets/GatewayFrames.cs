using System.Text.Json;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.WebSockets;

/// <summary>The frames the gateway makes itself: connection notices, errors and pongs (none is a log frame).</summary>
public static class GatewayFrames
{
    /// <summary><c>error</c> that is not part of the log.</summary>
    public static byte[] Error(DateTime now, string conversationId, string code, string message, bool retrySuggested, string? field = null, long? limit = null, string? messageId = null) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new ErrorFrame
            {
                Timestamp = now,
                ConversationId = conversationId,
                Id = messageId,
                ErrorCode = code,
                Message = message,
                RetrySuggested = retrySuggested,
                Metadata = new ErrorMetadata(ConversationPreserved: true, Field: field, Limit: limit),
            },
            ProtocolJsonContext.Default.ErrorFrame);

    /// <summary><c>pong</c>.</summary>
    public static byte[] Pong(DateTime now) =>
        JsonSerializer.SerializeToUtf8Bytes(new PongFrame { Timestamp = now }, ProtocolJsonContext.Default.PongFrame);

    /// <summary><c>system/conversation_resumed</c>.</summary>
    public static byte[] Resumed(DateTime now, ConversationSnapshot snapshot) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new SystemFrame<ConversationResumedMetadata>
            {
                Timestamp = now,
                ConversationId = snapshot.ConversationId,
                Content = SystemContents.ConversationResumed,
                Metadata = new ConversationResumedMetadata(snapshot.Summary, snapshot.MessageCount, snapshot.State, snapshot.LastSeq),
            },
            ProtocolJsonContext.Default.SystemFrameConversationResumedMetadata);

    /// <summary><c>system/resync_required</c>.</summary>
    public static byte[] ResyncRequired(DateTime now, ConversationSnapshot snapshot, long requestedLastSeq) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new SystemFrame<ResyncRequiredMetadata>
            {
                Timestamp = now,
                ConversationId = snapshot.ConversationId,
                Content = SystemContents.ResyncRequired,
                Metadata = new ResyncRequiredMetadata(
                    snapshot,
                    snapshot.LastSeq,
                    requestedLastSeq > snapshot.LastSeq
                        ? $"last_seq {requestedLastSeq} is ahead of the conversation log, which ends at {snapshot.LastSeq}."
                        : $"Frames after last_seq {requestedLastSeq} are older than the replay window; continue from seq {snapshot.LastSeq}."),
            },
            ProtocolJsonContext.Default.SystemFrameResyncRequiredMetadata);

    /// <summary><c>system/reconnect</c>.</summary>
    public static byte[] Reconnect(DateTime now, string conversationId, string reason, string cause) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new SystemFrame<ReconnectMetadata>
            {
                Timestamp = now,
                ConversationId = conversationId,
                Content = SystemContents.Reconnect,
                Metadata = new ReconnectMetadata(reason, cause),
            },
            ProtocolJsonContext.Default.SystemFrameReconnectMetadata);

    /// <summary>
    /// The type of a serialized server frame, read from its first member (every server frame starts with
    /// <c>{"type":"…"</c>), as one of the <see cref="FrameTypes"/> constants so that counting it allocates nothing.
    /// </summary>
    public static string TypeOf(ReadOnlySpan<byte> json)
    {
        ReadOnlySpan<byte> prefix = "{\"type\":\""u8;
        if (!json.StartsWith(prefix))
        {
            return "other";
        }

        var rest = json[prefix.Length..];
        return rest switch
        {
            _ when rest.StartsWith("assistant_delta\""u8) => FrameTypes.AssistantDelta,
            _ when rest.StartsWith("assistant_message\""u8) => FrameTypes.AssistantMessage,
            _ when rest.StartsWith("system\""u8) => FrameTypes.System,
            _ when rest.StartsWith("ack\""u8) => FrameTypes.Ack,
            _ when rest.StartsWith("error\""u8) => FrameTypes.Error,
            _ when rest.StartsWith("pong\""u8) => FrameTypes.Pong,
            _ => "other",
        };
    }
}
