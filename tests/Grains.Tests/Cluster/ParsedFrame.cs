using System.Text.Json;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Tests.Cluster;

/// <summary>A log frame with its JSON read back.</summary>
public sealed record ParsedFrame(long Seq, string Type, string? Content, int? Turn, JsonElement Root, byte[] Json)
{
    public static ParsedFrame From(LogFrame frame)
    {
        var root = JsonDocument.Parse(frame.Json).RootElement;
        return new ParsedFrame(
            frame.Seq,
            root.GetProperty("type").GetString()!,
            root.TryGetProperty("content", out var content) ? content.GetString() : null,
            root.TryGetProperty("turn", out var turn) ? turn.GetInt32() : null,
            root,
            frame.Json);
    }

    public bool IsReply(int turn) => Type == "assistant_message" && Turn == turn;
}
