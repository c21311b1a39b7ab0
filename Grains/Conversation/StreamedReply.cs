using System.Text;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation;

/// <summary>The reply of the running turn as it streams: its text so far, who is writing it, and the model's usage.</summary>
internal sealed class StreamedReply(string responder)
{
    public StringBuilder Text { get; } = new();

    public string Responder { get; set; } = responder;

    public TokenUsage? Usage { get; set; }

    public bool Cancelled { get; set; }
}
