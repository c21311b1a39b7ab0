using System.Text.Json.Serialization;

namespace Conversations.Grains.Domain;

/// <summary>Source-generated JSON for domain packs: snake_case names, comments allowed, unknown fields refused.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(DomainPack))]
public sealed partial class DomainPackJsonContext : JsonSerializerContext;
