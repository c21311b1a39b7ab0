namespace Conversations.Gateway.Api;

/// <summary>The answer to <c>POST /conversations/{id}/feedback</c>.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Turn">The turn rated.</param>
/// <param name="Rating">The rating stored.</param>
/// <param name="Comment">The comment stored.</param>
/// <param name="At">When it was stored.</param>
public sealed record FeedbackStored(string ConversationId, int Turn, int Rating, string? Comment, DateTimeOffset At);
