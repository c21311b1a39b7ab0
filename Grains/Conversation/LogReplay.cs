using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation;

/// <summary>The frames a reconnecting client is sent again, or a resync when they are not in the window.</summary>
/// <param name="Frames">The stored frames after the client's <c>last_seq</c>, in order.</param>
/// <param name="ResyncRequired">The frames asked for left the window, or the client is ahead of the stored log.</param>
public sealed record LogReplay(IReadOnlyList<LogFrame> Frames, bool ResyncRequired)
{
    /// <summary>The client must start over from a snapshot.</summary>
    public static LogReplay Resync { get; } = new([], ResyncRequired: true);
}
