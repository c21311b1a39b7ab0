using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation;

// Ownership, the HTTP API's view of the conversation, and ratings of turns.
public sealed partial class ConversationGrain
{
    /// <inheritdoc />
    public async Task<bool> ClaimAsync(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ThrowIfFaulted();
        if (_state.UserId is null)
        {
            await RecordOwnerAsync(userId);
            await FlushAsync();

            // A conversation that never gets a turn is still deleted once unused for the retention period.
            await ScheduleRetentionAsync();
        }

        return _state.UserId == userId;
    }

    /// <inheritdoc />
    public Task<ConversationDetails> GetDetailsAsync() => Task.FromResult(new ConversationDetails(
        Snapshot(),
        _state.UserId,
        _state.CreatedAt != default,
        _state.History.Select(h => new StateChange(h.From, h.To, h.Reason, h.Turn, h.At)).ToArray(),
        _state.Feedback.ToArray()));

    /// <inheritdoc />
    public async Task<FeedbackOutcome> RateTurnAsync(TurnFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ThrowIfFaulted();
        if (feedback.Turn < 1 || feedback.Turn > _state.TurnCount)
        {
            return FeedbackOutcome.UnknownTurn;
        }

        if (_state.PendingTurns.Exists(p => p.Turn == feedback.Turn))
        {
            return FeedbackOutcome.NotAnswered;
        }

        var now = Now;
        var previous = _state.Feedback.Find(f => f.Turn == feedback.Turn);
        var rated = feedback with { At = now };
        Apply(new TurnRated(now, rated));
        await FlushAsync();
        LogTurnRated(ConversationId, feedback.Turn, feedback.Rating);

        // The service's tally is derived from the ratings stored here: a rating stored but not counted (the
        // tally unreachable) is logged, not refused, so that the user's rating is never lost for it.
        try
        {
            await GrainFactory.GetGrain<ISatisfactionGrain>(ISatisfactionGrain.Key).RecordAsync(previous, rated);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogTallyFailed(exception, ConversationId, feedback.Turn);
        }

        return FeedbackOutcome.Stored;
    }

    // The owner is listed in the user's conversations before it is recorded here, so a conversation with an
    // owner is always in its owner's list (adding twice is harmless).
    private async Task RecordOwnerAsync(string userId)
    {
        var now = Now;
        var createdAt = _state.CreatedAt == default ? now : _state.CreatedAt;
        await GrainFactory.GetGrain<IUserConversationsGrain>(userId).AddAsync(new ConversationListing(ConversationId, createdAt));
        if (_state.UserId is null)
        {
            Apply(new OwnerClaimed(now, userId));
        }
    }

    // Retention deleted the conversation: take it off its owner's list.
    private async Task UnlistAsync()
    {
        if (_state.UserId is { } owner)
        {
            await GrainFactory.GetGrain<IUserConversationsGrain>(owner).RemoveAsync(ConversationId);
        }
    }
}
