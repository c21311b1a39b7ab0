using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation.Turns;

/// <summary>The reply a turn got, as streamed.</summary>
/// <param name="Text">The whole text sent in deltas (partial when cancelled).</param>
/// <param name="Responder">What wrote it.</param>
/// <param name="Usage">The model's token usage, when a model answered and reported it.</param>
/// <param name="Cancelled">The reply was stopped before it was complete.</param>
/// <param name="ArticleId">The knowledge article the reply cites, if any.</param>
public sealed record ReplyResult(string Text, string Responder, TokenUsage? Usage, bool Cancelled, string? ArticleId = null);
