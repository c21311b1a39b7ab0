namespace Conversations.Gateway.WebSockets;

/// <summary>What a client asked for in its connection URL.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="LastSeq">The highest seq the client has processed; 0 for none.</param>
/// <param name="UserId">Who is talking, when given.</param>
/// <param name="UserName">The name to use in replies, when given.</param>
/// <param name="FromEnd">Whether the client starts where the log ends (it gave no <c>last_seq</c> and its dialect keeps none).</param>
public sealed record ConnectionRequest(string ConversationId, long LastSeq, string? UserId, string? UserName, bool FromEnd = false);
