using System.Text.Json;

namespace Conversations.Gateway.Tests.Dialects;

/// <summary>Reading frames in tests.</summary>
public static class Json
{
    public static string? Text(this JsonElement frame, string name) =>
        frame.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool Has(this JsonElement frame, string name) => frame.TryGetProperty(name, out _);

    /// <summary>The member names of an object, in order.</summary>
    public static string[] Names(this JsonElement frame) => [.. frame.EnumerateObject().Select(p => p.Name)];

    public static bool IsSystem(this JsonElement frame, string content) => frame.Text("type") == "system" && frame.Text("content") == content;
}
