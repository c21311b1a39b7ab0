using System.Text.Json.Serialization;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Interfaces.Protocol;

/// <summary>
/// Source-generated JSON for every protocol frame: snake_case names, enums as their snake_case names,
/// <see langword="null"/> fields left out.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(ClientFrame))]
[JsonSerializable(typeof(AckFrame))]
[JsonSerializable(typeof(AssistantDeltaFrame))]
[JsonSerializable(typeof(AssistantMessageFrame))]
[JsonSerializable(typeof(ErrorFrame))]
[JsonSerializable(typeof(PongFrame))]
[JsonSerializable(typeof(SystemFrame<ProcessingMetadata>))]
[JsonSerializable(typeof(SystemFrame<ProcessingStepMetadata>))]
[JsonSerializable(typeof(SystemFrame<WaitingForInput>))]
[JsonSerializable(typeof(SystemFrame<StateChangedMetadata>))]
[JsonSerializable(typeof(SystemFrame<HandoffMetadata>))]
[JsonSerializable(typeof(SystemFrame<ConversationResumedMetadata>))]
[JsonSerializable(typeof(SystemFrame<ResyncRequiredMetadata>))]
[JsonSerializable(typeof(SystemFrame<ReconnectMetadata>))]
[JsonSerializable(typeof(ConversationSnapshot))]
[JsonSerializable(typeof(HttpError))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
