using System.Text.Json.Serialization;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.Api;

/// <summary>Source-generated JSON of the HTTP API: snake_case, enums as their protocol names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CreateConversationRequest))]
[JsonSerializable(typeof(TransitionRequest))]
[JsonSerializable(typeof(FeedbackRequest))]
[JsonSerializable(typeof(ConversationCreated))]
[JsonSerializable(typeof(TurnResult))]
[JsonSerializable(typeof(ConversationView))]
[JsonSerializable(typeof(ConversationList))]
[JsonSerializable(typeof(TranscriptView))]
[JsonSerializable(typeof(UserProfileView))]
[JsonSerializable(typeof(FeedbackStored))]
[JsonSerializable(typeof(SocketTicketIssued))]
[JsonSerializable(typeof(HttpError))]
[JsonSerializable(typeof(Operator.OperatorRequest))]
[JsonSerializable(typeof(Operator.OperatorQueue))]
[JsonSerializable(typeof(Operator.OperatorActionResult))]
[JsonSerializable(typeof(Grains.Interfaces.Model.HandoffTally))]
[JsonSerializable(typeof(Grains.Interfaces.Model.ConversationSnapshot))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
