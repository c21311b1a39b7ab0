using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Conversations.Grains.Intelligence;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Responders;
using Conversations.Grains.StateMachine;
using Conversations.Grains.Telemetry;

namespace Conversations.Grains.Conversation;

// The turn worker: answers pending turns one at a time, in order.
public sealed partial class ConversationGrain
{
    private void StartWorker()
    {
        if (_worker is null or { IsCompleted: true } && !_deactivating && !_faulted)
        {
            _worker = RunPendingTurnsAsync();
        }
    }

    private async Task RunPendingTurnsAsync()
    {
        // Let the request that started the worker finish first.
        await Task.Yield();

        // Each turn joins the trace of the call that submitted it, not that of whichever call started the worker.
        Activity.Current = null;
        try
        {
            while (!_deactivating && !_faulted && State.PendingTurns.Count > 0)
            {
                var pending = State.PendingTurns[0];
                if (_options.DoubleTexting == DoubleTextingPolicy.Interrupt && State.PendingTurns.Count > 1 && !State.Signals.HandedOff)
                {
                    await CommitSupersededAsync(pending);
                    continue;
                }

                using var running = new RunningTurn(pending.Turn);
                _running = running;
                try
                {
                    await RunTurnAsync(pending, running.Token);
                    await WriteTranscriptAsync();
                    await ScheduleRetentionAsync();
                }
                catch (Exception exception) when (!_deactivating && !_faulted)
                {
                    LogTurnFailed(exception, ConversationId, pending.Turn);
                    await FailTurnAsync(pending);
                }
                finally
                {
                    _running = null;
                }
            }
        }
        catch (Exception exception) when (_deactivating || _faulted)
        {
            // Storage failed or the grain is going away: the turn is still pending in storage.
            LogWorkerStopped(exception, ConversationId);
        }
    }

    private async Task RunTurnAsync(PendingTurn pending, CancellationToken cancellationToken)
    {
        if (State.Signals.HandedOff)
        {
            await RecordSilentTurnAsync(pending);
            return;
        }

        using var activity = StartTurnActivity(pending);
        var startedAt = timeProvider.GetTimestamp();
        var turn = pending.Turn;
        var restarted = pending.Started;
        if (!restarted)
        {
            State.PendingTurns[0] = pending with { Started = true };
        }

        Append(LogFrames.Processing(NextHeader(), turn, restarted));
        Append(LogFrames.ProcessingStep(NextHeader(), turn, ProcessingSteps.IntentClassification, "Understanding your message"));

        // A classification that has to wait (a model) is announced first; one that is already done (the local
        // classifier) goes out in one write with the next step: one store and one stream hop fewer per turn.
        var text = pending.Message.Content;
        var classifying = intents.ClassifyAsync(text, State.State, cancellationToken);
        if (!classifying.IsCompleted)
        {
            await FlushAsync();
        }

        var classified = await classifying;
        var insight = intelligence.Assess(State.Signals, State.WaitingForInput, text, classified);
        var intent = insight.Intent;
        var decision = insight.HandsOff || insight.Reask is not null
            ? ConversationStateMachine.Decide(State.State, State.State, insight.HandsOff ? "handed to a person" : "waiting for input")
            : stateMachine.Decide(State.State, intent);
        if (decision.Refused)
        {
            LogTransitionRefused(ConversationId, turn, decision.From, decision.Requested, intent.Name);
        }

        Append(LogFrames.ProcessingStep(NextHeader(), turn, ProcessingSteps.Generating, "Writing a reply"));
        await FlushAsync();

        var context = new ReplyContext(
            ConversationId,
            turn,
            text,
            pending.Message.UserName ?? State.UserName,
            intent,
            decision.To,
            decision.From,
            State.RecentTurns.ToArray(),
            State.Summary,
            _options.MaxReplyChars,
            insight.Signals.Persona,
            insight.Signals.Tone,
            insight.Reask,
            insight.HandsOff,
            insight.Answered == ExpectedInputs.TeamSize ? insight.Signals.TeamSize : null,
            insight.Signals);
        var reply = await StreamReplyAsync(context, startedAt, cancellationToken);
        var elapsed = (long)timeProvider.GetElapsedTime(startedAt).TotalMilliseconds;
        await CommitTurnAsync(pending, insight, decision, reply, elapsed);
        activity?.SetTag(ConversationActivities.IntentTag, intent.Name);
        activity?.SetTag(ConversationActivities.StateTag, State.State.ToWireName());
        activity?.SetTag(ConversationActivities.ResponderTag, reply.Responder);
    }

    private Activity? StartTurnActivity(PendingTurn pending)
    {
        ActivityContext.TryParse(pending.TraceParent, null, out var parent);
        var activity = ConversationActivities.Source.StartActivity(ConversationActivities.Turn, ActivityKind.Internal, parent);
        activity?.SetTag(ConversationActivities.ConversationIdTag, ConversationId);
        activity?.SetTag(ConversationActivities.TurnTag, pending.Turn);
        return activity;
    }

    // The generator runs off the grain's scheduler and feeds a channel; the grain drains whatever has
    // arrived into one delta, makes it durable, publishes it, and goes back for more. A slow write thus
    // coalesces tokens instead of queueing frames.
    private async Task<StreamedReply> StreamReplyAsync(ReplyContext context, long startedAt, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ReplyEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var generation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = Task.Run(() => PumpAsync(context, channel.Writer, generation.Token), CancellationToken.None);
        var reply = new StreamedReply(generator.Name, startedAt);
        var piece = new StringBuilder();
        try
        {
            while (reply.Text.Length < context.MaxReplyChars && await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    switch (item)
                    {
                        case ReplyText text:
                            piece.Append(text.Text);
                            break;
                        case ReplyUsage usage:
                            reply.Usage = usage.Usage;
                            break;
                        case ReplyCitation citation:
                            reply.ArticleId = citation.ArticleId;
                            break;
                        case ReplyFallback fallback:
                            AppendDelta(context, reply, piece);
                            AppendFallback(context.Turn, reply, fallback);
                            break;
                    }
                }

                AppendDelta(context, reply, piece);
                await FlushAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_deactivating)
        {
            reply.Cancelled = true;
        }
        finally
        {
            await generation.CancelAsync();
            await pump;
        }

        return reply;
    }

    private void AppendDelta(ReplyContext context, StreamedReply reply, StringBuilder piece)
    {
        var room = context.MaxReplyChars - reply.Text.Length;
        var delta = piece.Length > room ? piece.ToString(0, room) : piece.ToString();
        piece.Clear();
        if (delta.Length > 0)
        {
            reply.Text.Append(delta);
            Append(LogFrames.Delta(NextHeader(), context.Turn, delta));
            if (!reply.SawDelta)
            {
                reply.SawDelta = true;
                instruments.OnFirstDelta(timeProvider.GetElapsedTime(reply.StartedAt));
            }
        }
    }

    // The model failed: the error goes into the log, and the fallback's reply starts afresh. Deltas the
    // model already sent are voided by a system/processing frame with restarted = true, as after a crash.
    private void AppendFallback(int turn, StreamedReply reply, ReplyFallback fallback)
    {
        Append(LogFrames.ModelError(NextHeader(), turn, fallback.ErrorCode, fallback.Message));
        if (reply.Text.Length > 0)
        {
            Append(LogFrames.Processing(NextHeader(), turn, restarted: true));
            reply.Text.Clear();
        }

        reply.Responder = fallback.Responder;
        reply.Usage = null;
        reply.ArticleId = null;
        instruments.OnFallbackReply();
        LogAnsweredByFallback(ConversationId, turn, fallback.ErrorCode);
    }

    private async Task PumpAsync(ReplyContext context, ChannelWriter<ReplyEvent> writer, CancellationToken cancellationToken)
    {
        using var activity = ConversationActivities.Source.StartActivity(ConversationActivities.Generate, ActivityKind.Client);
        activity?.SetTag(ConversationActivities.ConversationIdTag, context.ConversationId);
        activity?.SetTag(ConversationActivities.TurnTag, context.Turn);
        activity?.SetTag(ConversationActivities.ResponderTag, generator.Name);
        try
        {
            await foreach (var item in generator.GenerateAsync(context, cancellationToken))
            {
                await writer.WriteAsync(item, cancellationToken);
            }

            writer.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            writer.TryComplete(exception);
        }
    }

    private async Task CommitTurnAsync(
        PendingTurn pending,
        TurnInsight insight,
        TransitionDecision decision,
        StreamedReply streamed,
        long elapsedMs)
    {
        var turn = pending.Turn;
        var reply = streamed.Text.ToString();
        var cancelled = streamed.Cancelled;
        var intent = insight.Intent;
        var before = State.State;
        var after = cancelled ? before : decision.To;
        if (after != before)
        {
            State.PreviousState = before;
            State.State = after;
            State.History.Add(new StateTransitionRecord(before, after, decision.Reason, turn, timeProvider.GetUtcNow()));
            TrimFront(State.History, _options.StateHistoryLimit);
            Append(LogFrames.StateChanged(NextHeader(), turn, before, after, decision.Reason));
            instruments.OnStateTransition(before.ToWireName(), after.ToWireName());
        }

        // A stopped reply did not get its message across: the signals and the interrupt stay as they were.
        var signals = cancelled ? State.Signals : intelligence.Conclude(insight, after);
        if (!cancelled)
        {
            AppendOutcome(turn, insight, after, signals);
        }

        RecordTurn(new TurnSummary(turn, pending.Message.Content, reply, before, after, intent, elapsedMs, cancelled, streamed.Usage, streamed.Responder, insight.HandsOff && !cancelled));
        var refused = decision.Refused && !cancelled
            ? $"{decision.From.ToWireName()} -> {decision.Requested.ToWireName()}"
            : null;
        var metadata = new AssistantMessageMetadata(
            elapsedMs,
            streamed.Responder,
            cancelled ? true : null,
            refused,
            streamed.Usage,
            signals.Persona,
            signals.Tone,
            signals.Frustration,
            signals.EscalationLikelihood,
            insight.Escalation.Factors.Count > 0 && !cancelled ? insight.Escalation.Factors : null,
            signals.ConversionProbability,
            insight.HandsOff && !cancelled ? true : null,
            cancelled ? null : streamed.ArticleId);
        Append(LogFrames.AssistantMessage(NextHeader(), turn, reply, after, before, intent, metadata));
        await FlushAsync();
        instruments.OnTurnEnded(cancelled ? "cancelled" : "completed", TimeSpan.FromMilliseconds(elapsedMs));
        if (streamed.Usage is { } usage)
        {
            instruments.OnModelTokens(usage.InputTokens, usage.OutputTokens);
        }

        if (cancelled)
        {
            LogTurnCancelled(ConversationId, turn, reply.Length);
        }
        else
        {
            LogTurnCompleted(ConversationId, turn, before, after, intent.Name, intent.Confidence, elapsedMs);
        }
    }

    // What the turn leaves the conversation waiting on, and a hand-over, go after state_changed and before
    // assistant_message, which commits the turn.
    private void AppendOutcome(int turn, TurnInsight insight, ConversationState after, ConversationSignals signals)
    {
        State.Signals = signals;
        State.WaitingForInput = intelligence.NextInterrupt(insight, after, signals);
        if (State.WaitingForInput is { } waiting)
        {
            Append(LogFrames.WaitingForInput(NextHeader(), turn, waiting));
            LogWaitingForInput(ConversationId, turn, waiting.ExpectedInput);
        }

        if (insight.HandoffReason is { } reason)
        {
            var handoff = new HandoffMetadata(reason, insight.Escalation.Likelihood, insight.Escalation.Factors, signals.Frustration);
            Append(LogFrames.Handoff(NextHeader(), turn, handoff));
            instruments.OnHandoff();
            LogHandedOff(ConversationId, turn, reason, insight.Escalation.Likelihood);
        }
    }

    // While a person has the conversation the user's message is kept (in the turns and the transcript) but
    // not answered: its ack is the only frame of the turn.
    private async Task RecordSilentTurnAsync(PendingTurn pending)
    {
        StoreWithoutReply(pending.Turn, pending.Message);
        await FlushAsync(writeAlways: true);
    }

    private void StoreWithoutReply(int turn, UserMessage message)
    {
        RemovePending(turn);
        var intent = classifier.Classify(message.Content);
        AddRecentTurn(new TurnSummary(turn, message.Content, string.Empty, State.State, State.State, intent, 0, false));
        LogSilentTurn(ConversationId, turn);
    }

    // Under the interrupt policy a turn that never started is answered by the newer one: it is closed as
    // cancelled with an empty reply, so that every acknowledged turn still ends with assistant_message.
    private async Task CommitSupersededAsync(PendingTurn pending)
    {
        var intent = classifier.Classify(pending.Message.Content);
        var insight = new TurnInsight(intent, State.Signals, new EscalationAssessment(State.Signals.EscalationLikelihood, [], false), null, null);
        var stay = ConversationStateMachine.Decide(State.State, State.State, "superseded by a newer message");
        await CommitTurnAsync(pending, insight, stay, new StreamedReply(generator.Name) { Cancelled = true }, elapsedMs: 0);
    }

    // A fault of ours while answering: the turn ends with an error frame in the log, so that it does not
    // run again and again, and the conversation goes on.
    private async Task FailTurnAsync(PendingTurn pending)
    {
        RemovePending(pending.Turn);
        Append(LogFrames.TurnError(
            NextHeader(),
            pending.Turn,
            ErrorCodes.InternalError,
            "The reply to this turn failed. Your message is kept; send a new one to go on.",
            retrySuggested: true));
        await FlushAsync();
        instruments.OnTurnEnded("failed", timeProvider.GetUtcNow() - pending.AckedAt);
    }

    private void RecordTurn(TurnSummary summary)
    {
        RemovePending(summary.Turn);
        State.CompletedReplies++;
        AddRecentTurn(summary);
    }

    private void AddRecentTurn(TurnSummary summary)
    {
        State.RecentTurns.Add(summary);
        while (State.RecentTurns.Count > _options.RecentTurns)
        {
            State.Summary = summarizer.Fold(State.Summary, State.RecentTurns[0]);
            State.RecentTurns.RemoveAt(0);
        }
    }

    private void RemovePending(int turn) => State.PendingTurns.RemoveAll(p => p.Turn == turn);
}
