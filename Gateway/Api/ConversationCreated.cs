using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Api;

/// <summary>The answer to <c>POST /conversations</c>.</summary>
/// <param name="ConversationId">The new conversation's id: use it in the other endpoints and in the WebSocket URL.</param>
/// <param name="UserId">Its owner, when known.</param>
/// <param name="State">Its state.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="FirstTurn">The answer to the first message, when one was given.</param>
public sealed record ConversationCreated(
    string ConversationId,
    string? UserId,
    ConversationState State,
    DateTimeOffset CreatedAt,
    TurnResult? FirstTurn);
