namespace Conversations.Grains.Responders;

/// <summary>A reply of the offline responder.</summary>
/// <param name="Text">The whole reply.</param>
/// <param name="ArticleId">The knowledge article it used, or <see langword="null"/>.</param>
public sealed record OfflineReply(string Text, string? ArticleId);
