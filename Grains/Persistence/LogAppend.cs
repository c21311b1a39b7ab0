using Conversations.Grains.Conversation;

namespace Conversations.Grains.Persistence;

/// <summary>One write of a conversation's log.</summary>
/// <param name="Record">The record, numbered one past the newest stored one.</param>
/// <param name="Snapshot">A snapshot taken with the record (its version is the record's), or <see langword="null"/>.</param>
/// <param name="Compaction">Older records to delete in the same write, or <see langword="null"/>.</param>
public sealed record LogAppend(LogRecord Record, StoredSnapshot? Snapshot = null, LogCompaction? Compaction = null);
