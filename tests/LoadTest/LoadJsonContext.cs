using System.Text.Json.Serialization;

namespace Conversations.LoadTest;

/// <summary>Source-generated JSON for what the load tool writes: user messages and its report.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LoadConnection.UserMessage))]
[JsonSerializable(typeof(LoadReport))]
internal sealed partial class LoadJsonContext : JsonSerializerContext;
