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
        if (reminderName != RetentionReminder || State.PendingTurns.Count > 0)
        {
            return;
        }

        var idle = timeProvider.GetUtcNow() - State.UpdatedAt;
        if (State.TurnCount > 0 && idle < _options.Retention)
        {
            return;
        }

        LogDeletingExpired(ConversationId, State.TurnCount, idle);
        await UnlistAsync();
        await transcripts.DeleteAsync(ConversationId, CancellationToken.None);
        await checkpoint.ClearStateAsync();
        _durableSeq = 0;
        if (await this.GetReminder(RetentionReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        DeactivateOnIdle();
    }

    // Runs after a turn's checkpoint is stored: writes the turns the transcript lacks. A failure is logged
    // and the turns are written with a later turn (the store ignores rows it already has).
    private async Task WriteTranscriptAsync()
    {
        var unwritten = State.RecentTurns.Where(t => t.Turn > State.TranscriptThrough).ToArray();
        if (unwritten.Length == 0)
        {
            return;
        }

        try
        {
            await transcripts.AppendAsync(ConversationId, unwritten, CancellationToken.None);
            State.TranscriptThrough = unwritten[^1].Turn;
        }
        catch (Exception exception)
        {
            LogTranscriptFailed(exception, ConversationId, unwritten[0].Turn, unwritten[^1].Turn);
        }
    }

    private async Task ScheduleRetentionAsync()
    {
        if (State.RetentionScheduled)
        {
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(RetentionReminder, _options.RetentionCheckInterval, _options.RetentionCheckInterval);
            State.RetentionScheduled = true;
        }
        catch (Exception exception)
        {
            LogRetentionNotScheduled(exception, ConversationId);
        }
    }
}
