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
        Apply(new TurnRated(now, feedback with { At = now }));
        await FlushAsync();
        LogTurnRated(ConversationId, feedback.Turn, feedback.Rating);
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
