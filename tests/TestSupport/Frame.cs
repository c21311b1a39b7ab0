using System.Text.Json;

namespace Conversations.Tests.Support;

/// <summary>A server frame as a client reads it.</summary>
public sealed record Frame(string Type, long? Seq, string? Content, int? Turn, JsonElement Root, string Raw)
{
    public static Frame Parse(string raw)
    {
        var root = JsonDocument.Parse(raw).RootElement;
        return new Frame(
            root.GetProperty("type").GetString()!,
            root.TryGetProperty("seq", out var seq) ? seq.GetInt64() : null,
            root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString() : null,
            root.TryGetProperty("turn", out var turn) ? turn.GetInt32() : null,
            root,
            raw);
    }

    public bool IsReply(int turn) => Type == "assistant_message" && Turn == turn;

    public bool IsSystem(string content) => Type == "system" && Content == content;

    public string? ErrorCode => Type == "error" ? Root.GetProperty("error_code").GetString() : null;

    public string? Delta => Type == "assistant_delta" ? Root.GetProperty("delta").GetString() : null;

    /// <summary>The client message id an ack or error is about.</summary>
    public string? Id => Root.TryGetProperty("id", out var id) ? id.GetString() : null;
}
