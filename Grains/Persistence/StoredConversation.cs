using Conversations.Grains.Conversation;

namespace Conversations.Grains.Persistence;

/// <summary>What storage holds of one conversation.</summary>
/// <param name="Snapshot">The latest snapshot, or <see langword="null"/> when none was written.</param>
/// <param name="Records">The records not compacted away, oldest first; the newest is always kept.</param>
public sealed record StoredConversation(StoredSnapshot? Snapshot, IReadOnlyList<LogRecord> Records)
{
    /// <summary>Nothing stored: a new conversation.</summary>
    public static StoredConversation Empty { get; } = new(null, []);
}
