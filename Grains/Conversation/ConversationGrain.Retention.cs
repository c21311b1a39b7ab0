namespace Conversations.Grains.Conversation;

// The transcript and retention: completed turns go to the append-only transcript store, and a reminder
// deletes conversations unused for longer than the retention.
public sealed partial class ConversationGrain : IRemindable
{
    /// <summary>The name of the reminder that enforces retention.</summary>
    public const string RetentionReminder = "retention";

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RetentionReminder || _state.PendingTurns.Count > 0)
        {
            return;
        }

        var idle = Now - _state.UpdatedAt;
        if (idle < _options.Retention)
        {
            return;
        }

        LogDeletingExpired(ConversationId, _state.TurnCount, idle);
        await UnlistAsync();
        if (_state.Signals.HandedOff)
        {
            await TellQueueAsync(queue => queue.RemoveAsync(ConversationId));
        }
        await transcripts.DeleteAsync(ConversationId, CancellationToken.None);
        await store.DeleteAsync(ConversationId, CancellationToken.None);
        _state = new ConversationCheckpoint();
        _log = new ConversationLog(ConversationId, _options.ReplayWindowTurns, _options.ReplayWindowFrames, timeProvider);
        _turnsSinceSnapshot = 0;
        if (await this.GetReminder(RetentionReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        DeactivateOnIdle();
    }

    // Runs after a turn is stored: writes the turns the transcript lacks. A failure is logged and the turns
    // are written with a later turn (the store ignores rows it already has). Where the transcript stands is
    // kept in memory and stored with the next snapshot: after a restart a turn may be written again, harmlessly.
    private async Task WriteTranscriptAsync()
    {
        var unwritten = _state.RecentTurns.Where(t => t.Turn > _state.TranscriptThrough).ToArray();
        if (unwritten.Length == 0)
        {
            return;
        }

        try
        {
            await transcripts.AppendAsync(ConversationId, unwritten, CancellationToken.None);
            _state.TranscriptThrough = unwritten[^1].Turn;
        }
        catch (Exception exception)
        {
            LogTranscriptFailed(exception, ConversationId, unwritten[0].Turn, unwritten[^1].Turn);
        }
    }

    private async Task ScheduleRetentionAsync()
    {
        if (_state.RetentionScheduled)
        {
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(RetentionReminder, _options.RetentionCheckInterval, _options.RetentionCheckInterval);
            _state.RetentionScheduled = true;
        }
        catch (Exception exception)
        {
            LogRetentionNotScheduled(exception, ConversationId);
        }
    }
}
