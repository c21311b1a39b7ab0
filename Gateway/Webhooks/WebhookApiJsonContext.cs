using System.Text.Json.Serialization;

namespace Conversations.Gateway.Webhooks;

/// <summary>Source-generated JSON of the dead-letter endpoints: snake_case, like the rest of the API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DeadLetterList))]
[JsonSerializable(typeof(RedeliveryQueued))]
internal sealed partial class WebhookApiJsonContext : JsonSerializerContext;
