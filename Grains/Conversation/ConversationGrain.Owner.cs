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
        if (State.UserId is null)
        {
            await RecordOwnerAsync(userId);
            await FlushAsync(writeAlways: true);
        }

        return State.UserId == userId;
    }

    /// <inheritdoc />
    public Task<ConversationDetails> GetDetailsAsync() => Task.FromResult(new ConversationDetails(
        Snapshot(),
        State.UserId,
        State.CreatedAt != default,
        State.History.Select(h => new StateChange(h.From, h.To, h.Reason, h.Turn, h.At)).ToArray(),
        State.Feedback.ToArray()));

    /// <inheritdoc />
    public async Task<FeedbackOutcome> RateTurnAsync(TurnFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ThrowIfFaulted();
        if (feedback.Turn < 1 || feedback.Turn > State.TurnCount)
        {
            return FeedbackOutcome.UnknownTurn;
        }

        if (State.PendingTurns.Exists(p => p.Turn == feedback.Turn))
        {
            return FeedbackOutcome.NotAnswered;
        }

        State.Feedback.RemoveAll(f => f.Turn == feedback.Turn);
        State.Feedback.Add(feedback with { At = timeProvider.GetUtcNow() });
        TrimFront(State.Feedback, _options.RememberedFeedback);
        await FlushAsync(writeAlways: true);
        LogTurnRated(ConversationId, feedback.Turn, feedback.Rating);
        return FeedbackOutcome.Stored;
    }

    // The owner is listed in the user's conversations before it is recorded here, so a conversation with an
    // owner is always in its owner's list (adding twice is harmless).
    private async Task RecordOwnerAsync(string? userId)
    {
        if (State.CreatedAt == default)
        {
            State.CreatedAt = timeProvider.GetUtcNow();
        }

        if (userId is null || State.UserId is not null)
        {
            return;
        }

        await GrainFactory.GetGrain<IUserConversationsGrain>(userId)
            .AddAsync(new ConversationListing(ConversationId, State.CreatedAt));
        State.UserId = userId;
    }

    // Retention deleted the conversation: take it off its owner's list.
    private async Task UnlistAsync()
    {
        if (State.UserId is { } owner)
        {
            await GrainFactory.GetGrain<IUserConversationsGrain>(owner).RemoveAsync(ConversationId);
        }
    }
}
