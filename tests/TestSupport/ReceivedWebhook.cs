using System.Text;
using System.Text.Json;

namespace Conversations.Tests.Support;

/// <summary>One request a <see cref="WebhookReceiver"/> got, and the status it answered.</summary>
public sealed record ReceivedWebhook(byte[] BodyBytes, IReadOnlyDictionary<string, string> Headers, int Status, DateTimeOffset ReceivedAt)
{
    public string Body => Encoding.UTF8.GetString(BodyBytes);

    public string Header(string name) => Headers.GetValueOrDefault(name, "");

    public string? EventType => Field("type");

    public string? EventId => Field("id");

    public string? Field(string name)
    {
        using var document = JsonDocument.Parse(BodyBytes);
        return document.RootElement.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
    }
}
