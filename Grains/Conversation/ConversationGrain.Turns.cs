using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Conversation.Turns;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Responders;
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
            while (!_deactivating && !_faulted && _state.PendingTurns.Count > 0)
            {
                var pending = _state.PendingTurns[0];
                switch (rules.NextStep(_state))
                {
                    case TurnStep.Silent:
                        // Turns queued before a hand-over are kept without a reply, like those sent after it.
                        Apply(rules.StoreSilently(_state, pending.Turn, pending.Message, Now));
                        LogSilentTurn(ConversationId, pending.Turn);
                        await FlushAsync();
                        await TellQueueOfMessageAsync(pending.Message);
                        break;
                    case TurnStep.Superseded:
                        await EndTurnAsync(rules.Supersede(_state, pending, generator.Name, Now));
                        instruments.OnTurnEnded("cancelled", TimeSpan.Zero);
                        break;
                    case TurnStep.GiveUp:
                        LogTurnGivenUp(ConversationId, pending.Turn, pending.AttemptsMade);
                        await EndTurnAsync(rules.GiveUp(_state, pending, Now));
                        instruments.OnTurnEnded("failed", Now - pending.AckedAt);
                        break;
                    default:
                        await AnswerAsync(pending);
                        break;
                }

                await WriteTranscriptAsync();
                await TellProfileAsync();
                await ScheduleRetentionAsync();
            }
        }
        catch (Exception exception) when (_deactivating || _faulted)
        {
            // Storage failed or the grain is going away: the turn is still pending in storage.
            LogWorkerStopped(exception, ConversationId);
        }
    }

    // A fault of ours while answering leaves the turn pending: it is tried again, from the start, until it has
    // been started MaxTurnAttempts times (a process that dies while answering counts too), then given up.
    private async Task AnswerAsync(PendingTurn pending)
    {
        using var running = new RunningTurn(pending.Turn);
        _running = running;
        try
        {
            await RunTurnAsync(pending, running.Token);
        }
        catch (Exception exception) when (!_deactivating && !_faulted)
        {
            LogTurnFailed(exception, ConversationId, pending.Turn);
        }
        finally
        {
            _running = null;
        }
    }

    private async Task RunTurnAsync(PendingTurn pending, CancellationToken cancellationToken)
    {
        using var activity = StartTurnActivity(pending);
        var startedAt = timeProvider.GetTimestamp();
        var turn = pending.Turn;
        var restarted = pending.AttemptsMade > 0;
        _log.Append(header => LogFrames.Processing(header, turn, restarted));
        Apply(new TurnStarted(Now, turn));
        _log.Append(header => LogFrames.ProcessingStep(header, turn, ProcessingSteps.IntentClassification, "Understanding your message"));

        // A classification that has to wait (a model) is announced first; one that is already done (the local
        // classifier) goes out in one write with the next step: one store and one stream hop fewer per turn.
        var classifying = intents.ClassifyAsync(pending.Message.Content, _state.State, cancellationToken);
        if (!classifying.IsCompleted)
        {
            await FlushAsync();
        }

        var plan = rules.PlanTurn(_state, pending, await classifying);
        if (plan.Decision.Refused)
        {
            LogTransitionRefused(ConversationId, turn, plan.Decision.From, plan.Decision.Requested, plan.Insight.Intent.Name);
        }

        _log.Append(header => LogFrames.ProcessingStep(header, turn, ProcessingSteps.Generating, "Writing a reply"));
        var reply = await StreamReplyAsync(rules.ReplyContext(_state, plan, ConversationId), startedAt, cancellationToken);
        var elapsed = (long)timeProvider.GetElapsedTime(startedAt).TotalMilliseconds;
        var outcome = rules.CommitTurn(_state, plan, reply.ToResult(), elapsed, Now);
        await EndTurnAsync(outcome);
        var committed = (TurnCommitted)outcome.Change;
        OnTurnCommitted(plan, committed, elapsed);
        if (committed.HandoffReason is { } reason)
        {
            var at = committed.At;
            var entry = new HandoffEntry(ConversationId, reason, at, pending.Message.Content, pending.AckedAt);
            await TellQueueAsync(queue => queue.HandedOffAsync(entry));
        }

        activity?.SetTag(ConversationActivities.IntentTag, plan.Insight.Intent.Name);
        activity?.SetTag(ConversationActivities.StateTag, _state.State.ToWireName());
        activity?.SetTag(ConversationActivities.ResponderTag, reply.Responder);
    }

    private async Task EndTurnAsync(TurnOutcome outcome)
    {
        foreach (var frame in outcome.Frames)
        {
            _log.Append(frame);
        }

        Apply(outcome.Change);
        await FlushAsync();
    }

    private void OnTurnCommitted(TurnPlan plan, TurnCommitted committed, long elapsedMs)
    {
        var summary = committed.Turn;
        if (committed.Transition is { } transition)
        {
            instruments.OnStateTransition(transition.From.ToWireName(), transition.To.ToWireName());
        }

        if (!summary.Cancelled && committed.WaitingForInput is { } waiting)
        {
            LogWaitingForInput(ConversationId, summary.Turn, waiting.ExpectedInput);
        }

        if (summary.HandedOff && plan.Insight.HandoffReason is { } reason)
        {
            instruments.OnHandoff();
            LogHandedOff(ConversationId, summary.Turn, reason, plan.Insight.Escalation.Likelihood);
        }

        PublishTurnEvents(committed, plan.Insight.HandoffReason);
        instruments.OnTurnEnded(summary.Cancelled ? "cancelled" : "completed", TimeSpan.FromMilliseconds(elapsedMs));
        if (summary.Cancelled)
        {
            LogTurnCancelled(ConversationId, summary.Turn, summary.Reply.Length);
        }
        else
        {
            LogTurnCompleted(ConversationId, summary.Turn, summary.StateBefore, summary.StateAfter, summary.Intent.Name, summary.Intent.Confidence, elapsedMs);
        }
    }

    private Activity? StartTurnActivity(PendingTurn pending)
    {
        if (!ConversationActivities.Source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(pending.TraceParent, null, out var parent);
        var activity = ConversationActivities.Source.StartActivity(ConversationActivities.Turn, ActivityKind.Internal, parent);
        activity?.SetTag(ConversationActivities.ConversationIdTag, ConversationId);
        activity?.SetTag(ConversationActivities.TurnTag, pending.Turn);
        return activity;
    }

    // How long the notices that open a turn wait for the reply's first piece to share its write.
    private static readonly TimeSpan FirstPieceWait = TimeSpan.FromMilliseconds(15);

    // The generator runs off the grain's scheduler and feeds a channel; the grain drains whatever has
    // arrived into one delta, makes it durable, and goes back for more, at most once per DeltaWriteInterval
    // after the first. A slow write thus coalesces tokens instead of queueing frames.
    private async Task<StreamedReply> StreamReplyAsync(ReplyContext context, long startedAt, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ReplyEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var generation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = Task.Run(() => PumpAsync(context, channel.Writer, generation.Token), CancellationToken.None);
        var reply = new StreamedReply(generator.Name, startedAt);
        var piece = new StringBuilder();
        try
        {
            // The turn's notices so far go out with the reply's first piece when it comes at once (a local
            // responder), in one write; otherwise on their own, without waiting for the model any longer.
            var readable = channel.Reader.WaitToReadAsync(cancellationToken).AsTask();
            if (_options.DeltaWriteInterval == TimeSpan.Zero ||
                await Task.WhenAny(readable, Task.Delay(FirstPieceWait, timeProvider, CancellationToken.None)) != readable)
            {
                await FlushAsync();
            }

            while (reply.Text.Length < context.MaxReplyChars && await readable)
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

                // The reply's last pieces go out with the frames that end the turn, in one write.
                if (!channel.Reader.Completion.IsCompleted)
                {
                    await FlushAsync();

                    // The pieces that arrive meanwhile wait for the next write, unless the reply ends first.
                    if (_options.DeltaWriteInterval > TimeSpan.Zero && !pump.IsCompleted)
                    {
                        await Task.WhenAny(Task.Delay(_options.DeltaWriteInterval, timeProvider, cancellationToken), pump);
                    }
                }

                readable = channel.Reader.WaitToReadAsync(cancellationToken).AsTask();
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
            _log.Append(header => LogFrames.Delta(header, context.Turn, delta));
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
        _log.Append(header => LogFrames.ModelError(header, turn, fallback.ErrorCode, fallback.Message));
        if (reply.Text.Length > 0)
        {
            _log.Append(header => LogFrames.Processing(header, turn, restarted: true));
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
}
