using System.Collections.Concurrent;
using Conversations.Grains.Conversation;

namespace Conversations.Grains.Persistence;

/// <summary>
/// Conversations' logs in this process's memory, for the embedded default (one silo): lost when the process
/// stops. Records are kept as the grain made them (frames and changes are immutable), so a write copies
/// nothing; snapshots are kept encoded, as in PostgreSQL.
/// </summary>
public sealed class MemoryConversationLogStore : IConversationLogStore
{
    private readonly ConcurrentDictionary<string, Entry> _conversations = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<StoredConversation> ReadAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (!_conversations.TryGetValue(conversationId, out var entry))
        {
            return Task.FromResult(StoredConversation.Empty);
        }

        lock (entry)
        {
            return Task.FromResult(new StoredConversation(entry.Snapshot, [.. entry.Records]));
        }
    }

    /// <inheritdoc />
    public Task AppendAsync(string conversationId, LogAppend append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        var entry = _conversations.GetOrAdd(conversationId, _ => new Entry());
        lock (entry)
        {
            var newest = entry.Records.Count > 0 ? entry.Records[^1].Version : 0;
            var record = append.Record;
            if (record.Version != newest + 1)
            {
                throw new LogConflictException(
                    $"Conversation '{conversationId}' is at record {newest}; record {record.Version} cannot follow it.");
            }

            entry.Records.Add(record);
            if (append.Snapshot is { } snapshot)
            {
                entry.Snapshot = snapshot;
            }

            if (append.Compaction is { } compaction)
            {
                entry.Records.RemoveAll(r =>
                    r.Version < record.Version && r.Version <= compaction.ThroughVersion && r.LastSeq < compaction.BelowSeq);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string conversationId, CancellationToken cancellationToken)
    {
        _conversations.TryRemove(conversationId, out _);
        return Task.CompletedTask;
    }

    private sealed class Entry
    {
        public List<LogRecord> Records { get; } = [];

        public StoredSnapshot? Snapshot { get; set; }
    }
}
