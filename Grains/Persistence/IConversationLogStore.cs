using Conversations.Grains.Conversation;

namespace Conversations.Grains.Persistence;

/// <summary>
/// Where conversations' logs are stored: per conversation an append-only sequence of records (frames and the
/// changes made with them), numbered from 1 without gaps, and now and then a snapshot of the checkpoint. A
/// record is only ever appended as the next one, so two activations of one conversation cannot both write.
/// </summary>
public interface IConversationLogStore
{
    /// <summary>Reads the snapshot and every record still stored, oldest first.</summary>
    Task<StoredConversation> ReadAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <see cref="LogAppend.Record"/> and, with it, the snapshot and the compaction the append carries.
    /// </summary>
    /// <exception cref="LogConflictException">A record with that number, or a later one, is already stored.</exception>
    Task AppendAsync(string conversationId, LogAppend append, CancellationToken cancellationToken);

    /// <summary>Removes the conversation's records and snapshot.</summary>
    Task DeleteAsync(string conversationId, CancellationToken cancellationToken);
}
