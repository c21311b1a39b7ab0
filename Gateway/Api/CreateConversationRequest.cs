namespace Conversations.Gateway.Api;

/// <summary>The body of <c>POST /conversations</c>.</summary>
/// <param name="UserId">Who the conversation is for. With authentication on, the token's user (leave it out or give the same).</param>
/// <param name="UserName">The name to use in replies.</param>
/// <param name="Message">A first message, answered before the response returns.</param>
/// <param name="MessageId">The first message's id (1 to 64 characters); resending it is answered without a second turn.</param>
public sealed record CreateConversationRequest(string? UserId, string? UserName, string? Message, string? MessageId);
