using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation;

// The whole transcript, page by page, and what the conversation tells its user's profile.
public sealed partial class ConversationGrain
{
    // The facts last handed to the owner's profile by this activation; a new activation hands them once more.
    private UserFacts? _factsTold;

    /// <inheritdoc />
    public async Task<TranscriptPage> GetTranscriptAsync(int afterTurn, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterTurn);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ThrowIfFaulted();

        // The store has every turn it was given; the checkpoint's recent turns cover those whose write is still
        // to be retried. One more than asked says whether another page follows.
        var stored = await transcripts.ReadAsync(ConversationId, afterTurn, limit + 1, CancellationToken.None);
        var turns = new SortedList<int, TurnSummary>();
        foreach (var turn in stored.Concat(_state.RecentTurns.Where(t => t.Turn > afterTurn)))
        {
            turns[turn.Turn] = turn;
        }

        var page = turns.Values.Take(limit).ToArray();
        int? next = turns.Count > limit ? page[^1].Turn : null;
        return new TranscriptPage(_state.TurnCount, page, next);
    }

    // Runs after a turn is stored: the owner's profile learns the name and slots this conversation knows. It is
    // told only what changed since it was last told, and a failure is logged: the next turn tells it again.
    private async Task TellProfileAsync()
    {
        if (_state.UserId is not { } userId)
        {
            return;
        }

        var signals = _state.Signals;
        var facts = new UserFacts(string.IsNullOrWhiteSpace(_state.UserName) ? null : _state.UserName.Trim(), signals.TeamSize, signals.Need, signals.Budget);
        if (facts.IsEmpty || facts == _factsTold)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IUserProfileGrain>(userId).LearnAsync(ConversationId, facts);
            _factsTold = facts;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogProfileFailed(exception, ConversationId, userId);
        }
    }
}
