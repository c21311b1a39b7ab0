using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Intelligence;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Responders;
using Conversations.Grains.StateMachine;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Conversation.Turns;

/// <summary>
/// The rules of a conversation's turns, as pure methods over its checkpoint: whether a message makes a turn,
/// how a turn is to be answered (plan), and how it ends (commit: the change and its frames). They read the
/// checkpoint and change nothing; the grain applies what they return, stores it and publishes it.
/// </summary>
public sealed class TurnRules(
    ConversationIntelligence intelligence,
    ConversationStateMachine stateMachine,
    IntentClassifier classifier,
    IOptions<ConversationOptions> options)
{
    private const string FailedTurnMessage = "The reply to this turn failed. Your message is kept; send a new one to go on.";
    private readonly ConversationOptions _options = options.Value;

    /// <summary>Whether a message makes a new turn, given what the conversation is doing.</summary>
    public SubmitDecision PlanSubmit(ConversationCheckpoint checkpoint, UserMessage message, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(message);
        if (checkpoint.ProcessedMessages.Find(m => m.Id == message.Id) is { } original)
        {
            var header = new FrameHeader(conversationId, original.AckSeq, original.AckedAt);
            return new SubmitDecision(SubmitKind.Duplicate, OriginalAck: LogFrames.Ack(header, original.Turn, original.Id));
        }

        var busy = checkpoint.PendingTurns.Count > 0;
        if ((busy && _options.DoubleTexting == DoubleTextingPolicy.Reject) || checkpoint.PendingTurns.Count >= _options.MaxPendingTurns)
        {
            return new SubmitDecision(SubmitKind.Busy);
        }

        return new SubmitDecision(
            SubmitKind.Accept,
            checkpoint.TurnCount + 1,
            Silent: checkpoint.Signals.HandedOff && !busy,
            InterruptRunning: busy && _options.DoubleTexting == DoubleTextingPolicy.Interrupt);
    }

    /// <summary>The change that records an accepted message, once its <c>ack</c> is in the log at <paramref name="ack"/>.</summary>
    public static MessageAccepted Accepted(SubmitDecision decision, UserMessage message, FrameHeader ack, string? traceParent)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var at = new DateTimeOffset(ack.Timestamp, TimeSpan.Zero);
        return new MessageAccepted(at, new PendingTurn(decision.Turn, message, at, Started: false, traceParent), ack.Seq);
    }

    /// <summary>Whether the next pending turn is answered, closed as superseded, or closed after too many attempts.</summary>
    public TurnStep NextStep(ConversationCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var pending = checkpoint.PendingTurns[0];
        if (checkpoint.Signals.HandedOff)
        {
            return TurnStep.Silent;
        }

        if (_options.DoubleTexting == DoubleTextingPolicy.Interrupt && checkpoint.PendingTurns.Count > 1)
        {
            return TurnStep.Superseded;
        }

        return pending.AttemptsMade >= _options.MaxTurnAttempts ? TurnStep.GiveUp : TurnStep.Answer;
    }

    /// <summary>How to answer <paramref name="pending"/>, once its message is classified.</summary>
    public TurnPlan PlanTurn(ConversationCheckpoint checkpoint, PendingTurn pending, Intent classified)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(pending);
        var insight = intelligence.Assess(checkpoint.Signals, checkpoint.WaitingForInput, pending.Message.Content, classified, checkpoint.State);
        var decision = insight.HandsOff || insight.Reask is not null
            ? ConversationStateMachine.Decide(checkpoint.State, checkpoint.State, insight.HandsOff ? "handed to a person" : "waiting for input")
            : stateMachine.Decide(checkpoint.State, insight.Intent);
        return new TurnPlan(pending, insight, decision);
    }

    /// <summary>What the responder is given to write the reply that <paramref name="plan"/> calls for.</summary>
    public ReplyContext ReplyContext(ConversationCheckpoint checkpoint, TurnPlan plan, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(plan);
        var (pending, insight, decision) = plan;
        return new ReplyContext(
            conversationId,
            pending.Turn,
            pending.Message.Content,
            pending.Message.UserName ?? checkpoint.UserName,
            insight.Intent,
            decision.To,
            decision.From,
            checkpoint.RecentTurns.ToArray(),
            checkpoint.Summary,
            _options.MaxReplyChars,
            insight.Signals.Persona,
            insight.Signals.Tone,
            insight.Reask,
            insight.HandsOff,
            insight.Answered == ExpectedInputs.TeamSize ? insight.Signals.TeamSize : null,
            insight.Signals);
    }

    /// <summary>
    /// How an answered turn ends: the transition (none when cancelled), what the conversation waits for next,
    /// a hand-over, and <c>assistant_message</c> with the whole reply.
    /// </summary>
    public TurnOutcome CommitTurn(ConversationCheckpoint checkpoint, TurnPlan plan, ReplyResult reply, long elapsedMs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(reply);
        var (pending, insight, decision) = plan;
        var turn = pending.Turn;
        var cancelled = reply.Cancelled;
        var intent = insight.Intent;
        var before = checkpoint.State;
        var after = cancelled ? before : decision.To;
        var frames = new List<Func<FrameHeader, LogFrame>>();
        StateTransitionRecord? transition = null;
        if (after != before)
        {
            transition = new StateTransitionRecord(before, after, decision.Reason, turn, now);
            frames.Add(header => LogFrames.StateChanged(header, turn, before, after, decision.Reason));
        }

        // A stopped reply did not get its message across: the signals and the interrupt stay as they were.
        var signals = cancelled ? checkpoint.Signals : intelligence.Conclude(insight, after);
        var waiting = cancelled ? checkpoint.WaitingForInput : intelligence.NextInterrupt(insight, after, signals);
        if (!cancelled && waiting is not null)
        {
            frames.Add(header => LogFrames.WaitingForInput(header, turn, waiting));
        }

        if (!cancelled && insight.HandoffReason is { } reason)
        {
            var handoff = new HandoffMetadata(reason, insight.Escalation.Likelihood, insight.Escalation.Factors, signals.Frustration, HandoffEvents.Escalated);
            frames.Add(header => LogFrames.Handoff(header, turn, handoff));
        }

        var handedOff = insight.HandsOff && !cancelled;
        var summary = new TurnSummary(turn, pending.Message.Content, reply.Text, before, after, intent, elapsedMs, cancelled, reply.Usage, reply.Responder, handedOff);
        var metadata = new AssistantMessageMetadata(
            elapsedMs,
            reply.Responder,
            cancelled ? true : null,
            decision.Refused && !cancelled ? $"{decision.From.ToWireName()} -> {decision.Requested.ToWireName()}" : null,
            reply.Usage,
            signals.Persona,
            signals.Tone,
            signals.Frustration,
            signals.EscalationLikelihood,
            insight.Escalation.Factors.Count > 0 && !cancelled ? insight.Escalation.Factors : null,
            signals.ConversionProbability,
            handedOff ? true : null,
            cancelled ? null : reply.ArticleId);
        frames.Add(header => LogFrames.AssistantMessage(header, turn, reply.Text, after, before, intent, metadata));
        return new TurnOutcome(new TurnCommitted(now, summary, transition, signals, waiting, handedOff ? insight.HandoffReason : null), frames);
    }

    /// <summary>
    /// Under the interrupt policy a turn that never started is answered by the newer one: it ends as cancelled
    /// with an empty reply, so that every acknowledged turn still ends with <c>assistant_message</c>.
    /// </summary>
    public TurnOutcome Supersede(ConversationCheckpoint checkpoint, PendingTurn pending, string responder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(pending);
        var intent = classifier.Classify(pending.Message.Content);
        var insight = new TurnInsight(intent, checkpoint.Signals, new EscalationAssessment(checkpoint.Signals.EscalationLikelihood, [], false), null, null);
        var stay = ConversationStateMachine.Decide(checkpoint.State, checkpoint.State, "superseded by a newer message");
        return CommitTurn(checkpoint, new TurnPlan(pending, insight, stay), new ReplyResult(string.Empty, responder, null, Cancelled: true), 0, now);
    }

    /// <summary>While a person has the conversation a message is kept (in the turns and the transcript) but not answered.</summary>
    public TurnClosedWithoutReply StoreSilently(ConversationCheckpoint checkpoint, int turn, UserMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(message);
        var intent = classifier.Classify(message.Content);
        return new TurnClosedWithoutReply(now, new TurnSummary(turn, message.Content, string.Empty, checkpoint.State, checkpoint.State, intent, 0, false));
    }

    /// <summary>
    /// Answering the turn failed as often as it may: it ends with an <c>error</c> frame, and its message is kept
    /// among the turns (marked failed), so that it does not run again and the conversation goes on.
    /// </summary>
    public TurnOutcome GiveUp(ConversationCheckpoint checkpoint, PendingTurn pending, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(pending);
        var turn = pending.Turn;
        var intent = classifier.Classify(pending.Message.Content);
        var summary = new TurnSummary(turn, pending.Message.Content, string.Empty, checkpoint.State, checkpoint.State, intent, 0, false, Failed: true);
        return new TurnOutcome(
            new TurnClosedWithoutReply(now, summary),
            [header => LogFrames.TurnError(header, turn, ErrorCodes.InternalError, FailedTurnMessage, retrySuggested: true)]);
    }
}
