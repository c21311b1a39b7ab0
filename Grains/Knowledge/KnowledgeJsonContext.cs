using System.Text.Json.Serialization;

namespace Conversations.Grains.Knowledge;

/// <summary>Source-generated JSON for the knowledge file.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(KnowledgeFile))]
public sealed partial class KnowledgeJsonContext : JsonSerializerContext;
