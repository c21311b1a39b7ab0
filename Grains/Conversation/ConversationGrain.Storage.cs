using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Persistence;

namespace Conversations.Grains.Conversation;

// Storage and publishing: the activation rebuilds the checkpoint from the latest snapshot and the changes
// stored after it, and every write appends one record. Writes are serialised; a write that finds its frames
// already taken by another write has nothing left to do (group commit: frames appended while a write is in
// flight go into the next one). Stored frames are published by one loop, in seq order, without holding up
// the next write: frames stored while a publish is in flight go out together in the next one.
public sealed partial class ConversationGrain
{
    private readonly SemaphoreSlim _flushLock = new(1, 1);
    private readonly List<LogFrame> _unpublished = [];
    private int _turnsSinceSnapshot;
    private bool _faulted;
    private Task? _publishing;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(ConversationId, cancellationToken);
        var state = stored.Snapshot is { } snapshot ? codec.DecodeSnapshot(snapshot.Payload) : new ConversationCheckpoint();
        var snapshotVersion = stored.Snapshot?.Version ?? 0;
        var turnsSinceSnapshot = 0;
        foreach (var record in stored.Records)
        {
            if (record.Version <= snapshotVersion)
            {
                continue;
            }

            foreach (var change in record.Changes)
            {
                applier.Apply(state, change);
                if (change is TurnCommitted or TurnClosedWithoutReply)
                {
                    turnsSinceSnapshot++;
                }
            }
        }

        if (stored.Snapshot is not null && stored.Records.Count == 0)
        {
            throw new InvalidDataException($"Conversation '{ConversationId}' has a snapshot but no log record.");
        }

        var log = new ConversationLog(ConversationId, _options.ReplayWindowTurns, _options.ReplayWindowFrames, timeProvider);
        var newest = stored.Records.Count > 0 ? stored.Records[^1] : null;
        log.Restore(newest?.Version ?? 0, newest?.LastSeq ?? 0, stored.Records.SelectMany(r => r.Frames));
        _state = state;
        _log = log;
        _turnsSinceSnapshot = turnsSinceSnapshot;
    }

    private async Task FlushAsync()
    {
        await _flushLock.WaitAsync();
        try
        {
            ThrowIfFaulted();
            if (_log.TakeBatch() is not { } record)
            {
                return;
            }

            // The snapshot is encoded here, before the write is awaited: nothing can change it while it is stored.
            StoredSnapshot? snapshot = null;
            LogCompaction? compaction = null;
            if (_turnsSinceSnapshot >= _options.SnapshotEveryTurns)
            {
                snapshot = new StoredSnapshot(record.Version, codec.EncodeSnapshot(_state));
                compaction = new LogCompaction(_log.OldestSeq, record.Version);
            }

            try
            {
                await store.AppendAsync(ConversationId, new LogAppend(record, snapshot, compaction), CancellationToken.None);
            }
            catch (Exception exception)
            {
                // What is in memory is now ahead of storage (and may conflict with it): stop serving from
                // it and let the next activation start again from what storage holds.
                _faulted = true;
                LogWriteFailed(exception, ConversationId);
                DeactivateOnIdle();
                throw;
            }

            _log.Committed(record);
            if (snapshot is not null)
            {
                _turnsSinceSnapshot = 0;
            }

            if (record.Frames.Count > 0)
            {
                _unpublished.AddRange(record.Frames);
                if (_publishing is null or { IsCompleted: true })
                {
                    _publishing = PublishAsync();
                }
            }
        }
        finally
        {
            _flushLock.Release();
        }
    }

    // Runs on the grain's scheduler, like everything that touches _unpublished.
    private async Task PublishAsync()
    {
        while (_unpublished.Count > 0)
        {
            var frames = _unpublished.ToArray();
            _unpublished.Clear();
            try
            {
                await _stream!.OnNextAsync(new FrameBatch(frames));
            }
            catch (Exception exception)
            {
                // The frames are durable; a connected gateway notices the gap and fetches them by seq.
                LogPublishFailed(exception, ConversationId, frames[0].Seq, frames[^1].Seq);
            }
        }
    }

    private void ThrowIfFaulted()
    {
        if (_faulted)
        {
            throw new ConversationUnavailableException(
                $"Conversation '{ConversationId}' could not write its log and is being reloaded; retry shortly.");
        }
    }
}
