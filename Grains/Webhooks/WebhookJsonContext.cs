using System.Text.Json.Serialization;

namespace Conversations.Grains.Webhooks;

/// <summary>Source-generated JSON of webhook bodies: snake_case, absent fields left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookEvent))]
public sealed partial class WebhookJsonContext : JsonSerializerContext;
