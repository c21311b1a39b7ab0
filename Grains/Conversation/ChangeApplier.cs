using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Intelligence;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Summaries;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Conversation;

/// <summary>
/// Applies a <see cref="ConversationChange"/> to a checkpoint: the same code when the grain makes the change and
/// when a reactivation replays the changes stored after the latest snapshot. Pure: no clock, no I/O.
/// </summary>
public sealed class ChangeApplier(ConversationSummarizer summarizer, IOptions<ConversationOptions> options)
{
    private readonly ConversationOptions _options = options.Value;

    /// <summary>Applies <paramref name="change"/> to <paramref name="checkpoint"/>.</summary>
    public void Apply(ConversationCheckpoint checkpoint, ConversationChange change)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(change);
        switch (change)
        {
            case MessageAccepted accepted:
                Accept(checkpoint, accepted);
                break;
            case TurnStarted started:
                var at = checkpoint.PendingTurns.FindIndex(p => p.Turn == started.Turn);
                if (at >= 0)
                {
                    var pending = checkpoint.PendingTurns[at];
                    checkpoint.PendingTurns[at] = pending with { Started = true, Attempts = pending.AttemptsMade + 1 };
                }

                break;
            case TurnCommitted committed:
                Commit(checkpoint, committed);
                break;
            case TurnClosedWithoutReply closed:
                RemovePending(checkpoint, closed.Turn.Turn);
                AddRecentTurn(checkpoint, closed.Turn);
                break;
            case OwnerClaimed claimed:
                checkpoint.UserId ??= claimed.UserId;
                break;
            case TurnRated rated:
                checkpoint.Feedback.RemoveAll(f => f.Turn == rated.Feedback.Turn);
                checkpoint.Feedback.Add(rated.Feedback);
                TrimFront(checkpoint.Feedback, _options.RememberedFeedback);
                break;
            case OperatorJoined joined:
                checkpoint.Operator = joined.Operator;
                break;
            case OperatorReplied:
                checkpoint.OperatorReplies++;
                break;
            case HandedBack:
                checkpoint.Operator = null;
                checkpoint.HandoffReason = null;
                checkpoint.HandedOffAt = null;

                // The person dealt with what upset the user: the assistant starts again calm.
                checkpoint.Signals = checkpoint.Signals with
                {
                    HandedOff = false,
                    Frustration = 0,
                    FailedAttempts = 0,
                    Tone = Tone.Helpful,
                    EscalationLikelihood = 0,
                };
                break;
            default:
                throw new ArgumentException($"Unknown change {change.GetType().Name}.", nameof(change));
        }

        if (checkpoint.CreatedAt == default)
        {
            checkpoint.CreatedAt = change.At;
        }

        if (change.At > checkpoint.UpdatedAt)
        {
            checkpoint.UpdatedAt = change.At;
        }
    }

    private void Accept(ConversationCheckpoint checkpoint, MessageAccepted accepted)
    {
        var pending = accepted.Pending;
        var message = pending.Message;
        checkpoint.TurnCount = pending.Turn;
        if (!string.IsNullOrWhiteSpace(message.UserName))
        {
            checkpoint.UserName = message.UserName;
        }

        checkpoint.ProcessedMessages.Add(new ProcessedMessage(message.Id, pending.Turn, accepted.AckSeq, accepted.At.UtcDateTime));
        TrimFront(checkpoint.ProcessedMessages, _options.RememberedMessageIds);
        checkpoint.PendingTurns.Add(pending);
    }

    private void Commit(ConversationCheckpoint checkpoint, TurnCommitted committed)
    {
        if (committed.Transition is { } transition)
        {
            checkpoint.PreviousState = transition.From;
            checkpoint.State = transition.To;
            checkpoint.History.Add(transition);
            TrimFront(checkpoint.History, _options.StateHistoryLimit);
        }

        checkpoint.Signals = committed.Signals;
        checkpoint.WaitingForInput = committed.WaitingForInput;
        if (committed.HandoffReason is { } reason)
        {
            checkpoint.HandoffReason = reason;
            checkpoint.HandedOffAt = committed.At;
        }

        RemovePending(checkpoint, committed.Turn.Turn);
        checkpoint.CompletedReplies++;
        AddRecentTurn(checkpoint, committed.Turn);
    }

    private void AddRecentTurn(ConversationCheckpoint checkpoint, TurnSummary summary)
    {
        checkpoint.RecentTurns.Add(summary);
        while (checkpoint.RecentTurns.Count > _options.RecentTurns)
        {
            checkpoint.Summary = summarizer.Fold(checkpoint.Summary, checkpoint.RecentTurns[0]);
            checkpoint.RecentTurns.RemoveAt(0);
        }
    }

    private static void RemovePending(ConversationCheckpoint checkpoint, int turn) =>
        checkpoint.PendingTurns.RemoveAll(p => p.Turn == turn);

    private static void TrimFront<T>(List<T> list, int keep)
    {
        if (list.Count > keep)
        {
            list.RemoveRange(0, list.Count - keep);
        }
    }
}
