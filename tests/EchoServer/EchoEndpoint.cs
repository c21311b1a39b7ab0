using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Conversations.EchoServer;

/// <summary>
/// Answers every text frame with <c>frames</c> frames (query, default 13) shaped like a gateway turn: an
/// <c>ack</c>, <c>frames − 2</c> <c>assistant_delta</c>s and an <c>assistant_message</c>, each with a per-socket
/// <c>seq</c> and of about the size the gateway sends, <c>delay_ms</c> apart (default 0). No state outlives
/// the socket, so a resume (<c>last_seq</c>) is not supported.
/// </summary>
public static class EchoEndpoint
{
    private const string Delta = "Great, we help a lot ";

    public static async Task HandleAsync(HttpContext context, string conversationId)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var frames = int.TryParse(context.Request.Query["frames"], CultureInfo.InvariantCulture, out var f) ? Math.Clamp(f, 2, 1000) : 13;
        var delay = int.TryParse(context.Request.Query["delay_ms"], CultureInfo.InvariantCulture, out var d) ? TimeSpan.FromMilliseconds(Math.Max(d, 0)) : TimeSpan.Zero;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        var output = new ArrayBufferWriter<byte>(512);
        long seq = 0;
        var turn = 0;
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                    return;
                }

                if (!received.EndOfMessage)
                {
                    continue;
                }

                turn++;
                var id = MessageId(buffer.AsSpan(0, received.Count));
                for (var i = 0; i < frames; i++)
                {
                    if (i > 0 && delay > TimeSpan.Zero)
                    {
                        await Task.Delay(delay, context.RequestAborted);
                    }

                    output.ResetWrittenCount();
                    Write(output, i == 0 ? "ack" : i == frames - 1 ? "assistant_message" : "assistant_delta", conversationId, ++seq, turn, id);
                    await socket.SendAsync(output.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The client went away.
        }
    }

    // Frames are written with Utf8JsonWriter, as the gateway's are with its source-generated serializer.
    private static void Write(IBufferWriter<byte> output, string type, string conversationId, long seq, int turn, string id)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("type"u8, type);
        json.WriteString("timestamp"u8, DateTime.UtcNow);
        json.WriteString("conversation_id"u8, conversationId);
        json.WriteNumber("seq"u8, seq);
        if (type == "ack")
        {
            json.WriteString("id"u8, id);
        }

        json.WriteNumber("turn"u8, turn);
        if (type == "assistant_delta")
        {
            json.WriteString("delta"u8, Delta);
        }
        else if (type == "assistant_message")
        {
            json.WriteString("content"u8, Delta);
        }

        json.WriteEndObject();
    }

    private static string MessageId(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    return reader.GetString() ?? string.Empty;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: echoed all the same.
        }

        return Encoding.UTF8.GetString(frame.Length > 16 ? frame[..16] : frame);
    }
}
