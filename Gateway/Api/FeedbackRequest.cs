namespace Conversations.Gateway.Api;

/// <summary>The body of <c>POST /conversations/{id}/feedback</c>.</summary>
/// <param name="Turn">The answered turn rated, from 1.</param>
/// <param name="Rating">From 1 (bad) to 5 (good).</param>
/// <param name="Comment">What the user says about the answer, at most 1,000 characters.</param>
public sealed record FeedbackRequest(int? Turn, int? Rating, string? Comment);
