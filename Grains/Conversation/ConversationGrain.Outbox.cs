using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation;

// The log: frames are appended to the checkpoint's replay window and to the outbox, and published only
// after a write has made them durable. Flushes are serialised, so frames are published in seq order; a
// flush that finds its frames already written by another flush has nothing left to do (group commit).
public sealed partial class ConversationGrain
{
    private readonly List<LogFrame> _outbox = [];
    private readonly SemaphoreSlim _flushLock = new(1, 1);
    private long _durableSeq;
    private bool _faulted;

    private LogFrame Append(LogFrame frame)
    {
        State.ReplayWindow.Add(frame);
        _outbox.Add(frame);
        var oldestTurnKept = State.TurnCount - _options.ReplayWindowTurns;
        var window = State.ReplayWindow;
        var drop = 0;
        while (drop < window.Count - 1
            && (window.Count - drop > _options.ReplayWindowFrames || window[drop].Turn <= oldestTurnKept))
        {
            drop++;
        }

        window.RemoveRange(0, drop);
        return frame;
    }

    // With writeAlways, the checkpoint is written even when no frame waits (a change that has no frame).
    private async Task FlushAsync(bool writeAlways = false)
    {
        await _flushLock.WaitAsync();
        try
        {
            ThrowIfFaulted();
            if (_outbox.Count == 0 && !writeAlways)
            {
                return;
            }

            var batch = _outbox.ToArray();
            _outbox.Clear();
            State.UpdatedAt = timeProvider.GetUtcNow();
            try
            {
                await checkpoint.WriteStateAsync();
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

            if (batch.Length > 0)
            {
                _durableSeq = batch[^1].Seq;
                await PublishAsync(batch);
            }
        }
        finally
        {
            _flushLock.Release();
        }
    }

    private async Task PublishAsync(LogFrame[] batch)
    {
        try
        {
            await _stream!.OnNextAsync(new FrameBatch(batch));
        }
        catch (Exception exception)
        {
            // The frames are durable; a connected gateway notices the gap and fetches them by seq.
            LogPublishFailed(exception, ConversationId, batch[0].Seq, batch[^1].Seq);
        }
    }

    private void ThrowIfFaulted()
    {
        if (_faulted)
        {
            throw new ConversationUnavailableException(
                $"Conversation '{ConversationId}' could not write its checkpoint and is being reloaded; retry shortly.");
        }
    }
}
