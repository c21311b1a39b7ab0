using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Telemetry;

namespace Conversations.Grains.Conversation;

// The operator side of a hand-off: a person takes the conversation over, writes to the user and hands it back.
// Each step is a frame in the log and a change beside it, in one write, like a turn; the hand-off queue is told after.
public sealed partial class ConversationGrain
{
    /// <inheritdoc />
    public async Task<OperatorResult> TakeOverAsync(OperatorIdentity by)
    {
        ArgumentNullException.ThrowIfNull(by);
        ThrowIfFaulted();
        if (!_state.Signals.HandedOff)
        {
            return new OperatorResult(OperatorOutcome.NotHandedOff);
        }

        if (_state.Operator is { } holder)
        {
            return new OperatorResult(holder.Id == by.Id ? OperatorOutcome.AlreadyHeld : OperatorOutcome.HeldByAnother, HeldBy: holder);
        }

        var now = Now;
        var frame = _log.Append(header => LogFrames.Handoff(header, _state.TurnCount, OperatorEvent(HandoffEvents.OperatorJoined, by), endsTurn: true));
        Apply(new OperatorJoined(now, by));
        await FlushAsync();
        LogOperatorJoined(ConversationId, by.Id);
        instruments.OnOperatorAction(OperatorActions.Taken);
        await TellQueueAsync(queue => queue.TakenAsync(ConversationId, by, now));
        return new OperatorResult(OperatorOutcome.Done, frame.Seq, by);
    }

    /// <inheritdoc />
    public async Task<OperatorResult> ReplyAsOperatorAsync(OperatorIdentity by, string content)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(content);
        ThrowIfFaulted();
        if (Holds(by) is { } refused)
        {
            return refused;
        }

        var now = Now;
        var turn = _state.TurnCount;
        var intent = _state.RecentTurns.Count > 0 ? _state.RecentTurns[^1].Intent : new Intent("unknown", 0);
        var signals = _state.Signals;
        var metadata = new AssistantMessageMetadata(
            0,
            MessageAuthors.Operator,
            Persona: signals.Persona,
            Tone: signals.Tone,
            Frustration: signals.Frustration,
            EscalationLikelihood: signals.EscalationLikelihood,
            ConversionProbability: signals.ConversionProbability);
        var state = _state.State;
        var frame = _log.Append(header => LogFrames.OperatorMessage(header, turn, content, state, state, intent, metadata, by));
        Apply(new OperatorReplied(now, by, turn, content));
        await FlushAsync();
        LogOperatorReplied(ConversationId, by.Id, content.Length);
        instruments.OnOperatorAction(OperatorActions.Replied);
        await TellQueueAsync(queue => queue.OperatorRepliedAsync(ConversationId, now));
        return new OperatorResult(OperatorOutcome.Done, frame.Seq, by);
    }

    /// <inheritdoc />
    public async Task<OperatorResult> HandBackAsync(OperatorIdentity by)
    {
        ArgumentNullException.ThrowIfNull(by);
        ThrowIfFaulted();
        if (!_state.Signals.HandedOff)
        {
            return new OperatorResult(OperatorOutcome.NotHandedOff);
        }

        if (_state.Operator is { } holder && holder.Id != by.Id)
        {
            return new OperatorResult(OperatorOutcome.HeldByAnother, HeldBy: holder);
        }

        var seq = await HandBackCoreAsync(by);
        return new OperatorResult(OperatorOutcome.Done, seq);
    }

    /// <inheritdoc />
    public async Task<bool> HandBackAsync()
    {
        ThrowIfFaulted();
        if (!_state.Signals.HandedOff)
        {
            return false;
        }

        await HandBackCoreAsync(null);
        return true;
    }

    // The operator who holds the conversation (if one does) leaves it with a frame that says so; the assistant
    // answers again from the next message.
    private async Task<long?> HandBackCoreAsync(OperatorIdentity? by)
    {
        var now = Now;
        long? seq = null;
        if (_state.Operator is { } holder)
        {
            seq = _log.Append(header => LogFrames.Handoff(header, _state.TurnCount, OperatorEvent(HandoffEvents.OperatorLeft, holder), endsTurn: true)).Seq;
        }

        var handedBack = new HandedBack(now, by ?? _state.Operator);
        Apply(handedBack);
        await FlushAsync();
        LogHandedBack(ConversationId);
        PublishHandedBack(handedBack);
        instruments.OnOperatorAction(OperatorActions.HandedBack);
        await TellQueueAsync(queue => queue.HandedBackAsync(ConversationId, now));
        return seq;
    }

    // The queue hears of a hand-off after it is stored; a notice lost to a crash or an unreachable queue is
    // made good the next time the conversation is activated.
    private async Task EnsureQueuedAsync()
    {
        if (_state.Signals.HandedOff && _state.HandedOffAt is { } since)
        {
            var last = _state.RecentTurns.Count > 0 ? _state.RecentTurns[^1] : null;
            var entry = new HandoffEntry(ConversationId, _state.HandoffReason ?? "handed_off", since, last?.UserMessage, null, _state.Operator, null);
            await TellQueueAsync(queue => queue.EnsureListedAsync(entry));
        }
    }

    private Task TellQueueOfMessageAsync(UserMessage message)
    {
        var at = Now;
        return TellQueueAsync(queue => queue.UserMessageAsync(ConversationId, message.Content, at));
    }

    private OperatorResult? Holds(OperatorIdentity by)
    {
        if (!_state.Signals.HandedOff)
        {
            return new OperatorResult(OperatorOutcome.NotHandedOff);
        }

        return _state.Operator switch
        {
            null => new OperatorResult(OperatorOutcome.NotHeld),
            { } holder when holder.Id != by.Id => new OperatorResult(OperatorOutcome.HeldByAnother, HeldBy: holder),
            _ => null,
        };
    }

    private HandoffMetadata OperatorEvent(string handoffEvent, OperatorIdentity by) =>
        new(_state.HandoffReason ?? "handed_off", _state.Signals.EscalationLikelihood, Event: handoffEvent, OperatorId: by.Id, OperatorName: by.Name);

    // The conversation's own log is the truth; the queue is the operators' index of it. A queue that cannot be
    // reached is logged, never allowed to undo or hold up what the conversation stored.
    private async Task TellQueueAsync(Func<IHandoffQueueGrain, Task> tell)
    {
        try
        {
            await tell(GrainFactory.GetGrain<IHandoffQueueGrain>(IHandoffQueueGrain.Key));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogQueueFailed(exception, ConversationId);
        }
    }
}
