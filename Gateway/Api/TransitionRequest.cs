namespace Conversations.Gateway.Api;

/// <summary>The body of <c>POST /conversations/{id}/transition</c>: one user turn.</summary>
/// <param name="Message">What the user says.</param>
/// <param name="UserName">The name to use in replies.</param>
/// <param name="MessageId">The message id (1 to 64 characters); resending it returns the same turn without a second one. Made up when left out.</param>
/// <param name="UserId">Who is talking. With authentication on, the token's user (leave it out or give the same).</param>
public sealed record TransitionRequest(string? Message, string? UserName, string? MessageId, string? UserId);
