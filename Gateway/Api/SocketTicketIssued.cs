namespace Conversations.Gateway.Api;

/// <summary>The answer to <c>POST /conversations/{id}/socket-ticket</c>.</summary>
/// <param name="Ticket">The ticket: opens this conversation's WebSocket once, until <paramref name="ExpiresAt"/>.</param>
/// <param name="ConversationId">The conversation it opens.</param>
/// <param name="ExpiresAt">When it can no longer be used.</param>
/// <param name="Url">The path and query to connect to (add <c>last_seq</c> and the rest as usual).</param>
public sealed record SocketTicketIssued(string Ticket, string ConversationId, DateTimeOffset ExpiresAt, string Url);
