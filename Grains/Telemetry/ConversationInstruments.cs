using System.Diagnostics.Metrics;

namespace Conversations.Grains.Telemetry;

/// <summary>
/// The conversation runtime's own metrics, shared by silo and gateway. Callers say what happened through
/// the <c>On…</c> methods; the meters stay hidden here so that names, units and tags are defined once
/// (docs/observability.md lists them). Every method is a counter or histogram update with tags of small,
/// fixed sets of values: nothing here allocates per frame.
/// </summary>
public sealed class ConversationInstruments
{
    /// <summary>The name of the meter (and of the activity source) that OpenTelemetry listens to.</summary>
    public const string MeterName = "Conversations";

    private readonly Meter _meter;
    private readonly Counter<long> _framesReceived;
    private readonly Counter<long> _framesSent;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _replayedFrames;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Histogram<double> _firstDelta;
    private readonly Histogram<double> _modelLatency;
    private readonly Counter<long> _modelErrors;
    private readonly Counter<long> _fallbackReplies;
    private readonly Counter<long> _stateTransitions;
    private readonly Counter<long> _handoffs;
    private readonly Counter<long> _operatorActions;
    private readonly Counter<long> _logWrites;
    private readonly Histogram<long> _logAppendsPerWrite;
    private readonly Histogram<double> _logWriteDuration;

    /// <summary>Creates the instruments on a meter owned by <paramref name="meterFactory"/>.</summary>
    public ConversationInstruments(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = _meter = meterFactory.Create(MeterName);
        _framesReceived = meter.CreateCounter<long>("conversations_frames_received", description: "Client frames received, by type (invalid for frames that could not be read).");
        _framesSent = meter.CreateCounter<long>("conversations_frames_sent", description: "Server frames sent to clients, by type.");
        _rejections = meter.CreateCounter<long>("conversations_rejections", description: "Client frames refused, by reason (the error code sent).");
        _replayedFrames = meter.CreateCounter<long>("conversations_replayed_frames", description: "Log frames replayed to clients that resumed.");
        _turns = meter.CreateCounter<long>("conversations_turns", description: "Turns ended, by outcome (completed, cancelled, failed).");
        _turnDuration = meter.CreateHistogram<double>("conversations_turn_duration", unit: "s", description: "Time from a turn's start to its assistant_message.");
        _firstDelta = meter.CreateHistogram<double>("conversations_first_delta", unit: "s", description: "Time from a turn's start to its first assistant_delta.");
        _modelLatency = meter.CreateHistogram<double>("conversations_model_latency", unit: "s", description: "Duration of language model calls, by outcome.");
        _modelErrors = meter.CreateCounter<long>("conversations_model_errors", description: "Language model calls that failed, by kind (timeout, error, circuit_open).");
        _fallbackReplies = meter.CreateCounter<long>("conversations_fallback_replies", description: "Replies written by the fallback responder because the model failed.");
        _stateTransitions = meter.CreateCounter<long>("conversations_state_transitions", description: "Conversation state changes, by from and to state.");
        _handoffs = meter.CreateCounter<long>("conversations_handoffs", description: "Conversations handed to a person.");
        _operatorActions = meter.CreateCounter<long>("conversations_operator_actions", description: "What operators did with handed-off conversations, by action (taken, replied, handed_back).");
        _logWrites = meter.CreateCounter<long>("conversations_log_writes", description: "Statements that wrote conversations' log records to PostgreSQL, by outcome (ok, failed).");
        _logAppendsPerWrite = meter.CreateHistogram<long>("conversations_log_appends_per_write", description: "Log records (each of one conversation) that one PostgreSQL statement wrote: the group commit.");
        _logWriteDuration = meter.CreateHistogram<double>("conversations_log_write_duration", unit: "s", description: "Duration of the PostgreSQL statements that write log records.");
    }

    /// <summary>
    /// Publishes the gateway's open WebSocket count, read from <paramref name="openConnections"/> at each
    /// collection, so that the gauge exists (at 0) from start-up on gateways only. Called once per gateway.
    /// </summary>
    public void ObserveConnections(Func<int> openConnections) =>
        _meter.CreateObservableUpDownCounter("conversations_gateway_connections", openConnections, description: "WebSocket connections open on this gateway.");

    /// <summary>A client frame was read; <paramref name="type"/> is one of the protocol's frame types, or <c>invalid</c>.</summary>
    public void OnFrameReceived(string type) => _framesReceived.Add(1, new KeyValuePair<string, object?>("type", type));

    /// <summary>A frame was written to a client socket.</summary>
    public void OnFrameSent(string type) => _framesSent.Add(1, new KeyValuePair<string, object?>("type", type));

    /// <summary>A client frame was refused; <paramref name="reason"/> is the error code sent back.</summary>
    public void OnRejected(string reason) => _rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Frames were replayed to a client that resumed.</summary>
    public void OnFramesReplayed(int count)
    {
        if (count > 0)
        {
            _replayedFrames.Add(count);
        }
    }

    /// <summary>A turn ended with its assistant_message (or its error frame).</summary>
    public void OnTurnEnded(string outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _turns.Add(1, tag);
        _turnDuration.Record(duration.TotalSeconds, tag);
    }

    /// <summary>A turn's first assistant_delta was written.</summary>
    public void OnFirstDelta(TimeSpan sinceTurnStart) => _firstDelta.Record(sinceTurnStart.TotalSeconds);

    /// <summary>A language model call ended; <paramref name="outcome"/> is <c>ok</c> or an error kind.</summary>
    public void OnModelCall(string outcome, TimeSpan duration) =>
        _modelLatency.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A language model call failed or was not made; <paramref name="kind"/> is timeout, error or circuit_open.</summary>
    public void OnModelError(string kind) => _modelErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>The fallback responder wrote a reply in the model's place.</summary>
    public void OnFallbackReply() => _fallbackReplies.Add(1);

    /// <summary>A conversation changed state (wire names).</summary>
    public void OnStateTransition(string from, string to) =>
        _stateTransitions.Add(1, new KeyValuePair<string, object?>("from", from), new KeyValuePair<string, object?>("to", to));

    /// <summary>A conversation was handed to a person.</summary>
    public void OnHandoff() => _handoffs.Add(1);

    /// <summary>An operator acted on a handed-off conversation; <paramref name="action"/> is one of <see cref="OperatorActions"/>.</summary>
    public void OnOperatorAction(string action) => _operatorActions.Add(1, new KeyValuePair<string, object?>("action", action));

    /// <summary>One statement wrote <paramref name="appends"/> conversations' log records (or failed to).</summary>
    public void OnLogWritten(int appends, TimeSpan duration, bool ok)
    {
        _logWrites.Add(1, new KeyValuePair<string, object?>("outcome", ok ? "ok" : "failed"));
        _logAppendsPerWrite.Record(appends);
        _logWriteDuration.Record(duration.TotalSeconds);
    }
}
