namespace Conversations.Grains.Interfaces.Model;

/// <summary>What a socket ticket stands for: one user, one conversation, for a short time.</summary>
/// <param name="UserId">The user the ticket was issued to (the token's <c>sub</c>).</param>
/// <param name="ConversationId">The one conversation it opens.</param>
/// <param name="ExpiresAt">When it can no longer be used.</param>
/// <param name="TokenExpiresAt">When the token it was issued for expires; a socket opened with the ticket is closed then.</param>
[GenerateSerializer, Immutable, Alias("conversations.socket-ticket.v1")]
public sealed record SocketTicket(
    [property: Id(0)] string UserId,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] DateTimeOffset? TokenExpiresAt);
