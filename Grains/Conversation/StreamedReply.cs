using System.Text;
using Conversations.Grains.Conversation.Turns;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation;

/// <summary>The reply of the running turn as it streams: its text so far, who is writing it, and the model's usage.</summary>
internal sealed class StreamedReply(string responder, long startedAt = 0)
{
    /// <summary>The turn's start, as a <see cref="TimeProvider"/> timestamp.</summary>
    public long StartedAt { get; } = startedAt;

    /// <summary>Whether the turn's first delta was written (and timed).</summary>
    public bool SawDelta { get; set; }

    public StringBuilder Text { get; } = new();

    public string Responder { get; set; } = responder;

    public TokenUsage? Usage { get; set; }

    public bool Cancelled { get; set; }

    /// <summary>The knowledge article the reply cites, if any.</summary>
    public string? ArticleId { get; set; }

    /// <summary>The reply as the turn rules take it.</summary>
    public ReplyResult ToResult() => new(Text.ToString(), Responder, Usage, Cancelled, ArticleId);
}
