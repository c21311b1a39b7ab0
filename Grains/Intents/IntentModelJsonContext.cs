using System.Text.Json.Serialization;

namespace Conversations.Grains.Intents;

/// <summary>Source-generated JSON for the stored intent model.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(IntentModelWeights))]
public sealed partial class IntentModelJsonContext : JsonSerializerContext;
