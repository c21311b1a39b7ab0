using System.Buffers;
using System.Text.Json;

namespace Conversations.Gateway.Dialects;

/// <summary>Writes a dialect's frames with a <see cref="Utf8JsonWriter"/>: no reflection, the names spelled as the dialect spells them.</summary>
internal static class DialectJson
{
    /// <summary>One JSON object, written by <paramref name="write"/> between its braces.</summary>
    public static byte[] Object<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json, state);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Copies a member of <paramref name="source"/> when it is there.</summary>
    public static void CopyIfPresent(Utf8JsonWriter json, JsonElement source, string name)
    {
        if (source.ValueKind == JsonValueKind.Object && source.TryGetProperty(name, out var value))
        {
            json.WritePropertyName(name);
            value.WriteTo(json);
        }
    }

    /// <summary>The string member <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static string? Text(JsonElement source, string name) =>
        source.ValueKind == JsonValueKind.Object && source.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
