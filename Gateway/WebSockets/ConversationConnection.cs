using System.Net.WebSockets;
using Conversations.Gateway.Dialects;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.Streaming;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Telemetry;

namespace Conversations.Gateway.WebSockets;

/// <summary>
/// One client socket on one conversation, in three parts, as a hub connection is apart from its transport: the
/// <see cref="WebSocketTransport"/> moves bytes (receive loop, single-writer send loop, bounded queue, close);
/// the <see cref="InboundGuard"/> checks what the client sends (size, rate, shape); the <see cref="LogCursor"/>
/// keeps the client's place in the conversation log. This class dispatches: client frames become grain calls,
/// and frames from the conversation stream, replays and the gateway's own notices go through the queue to the
/// send loop, which sends each log frame once, in seq order, filling any gap from the grain.
/// </summary>
internal sealed partial class ConversationConnection : ITransportHandler, IDisposable
{
    /// <summary>Close code 1012: the server is restarting; reconnect (any node will do).</summary>
    public const WebSocketCloseStatus ServiceRestart = (WebSocketCloseStatus)1012;

    /// <summary>Close code 1013: try again later.</summary>
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    private readonly WebSocketTransport _transport;
    private readonly InboundGuard _guard;
    private readonly LogCursor _cursor;
    private readonly IConversationGrain _grain;
    private readonly IConversationFeed _feed;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ConversationInstruments _instruments;
    private readonly TransientRetry _retry;
    private readonly ISocketDialect _dialect;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly ITimer _stallTimer;
    private List<LogFrame>? _held;
    private int _refreshQueued;

    public ConversationConnection(
        WebSocket socket,
        ConnectionRequest request,
        IGrainFactory grains,
        IConversationFeed feed,
        ISocketDialect dialect,
        GatewayOptions options,
        TimeProvider time,
        ConversationInstruments instruments,
        TransientRetry retry,
        ILogger logger)
    {
        Request = request;
        _transport = new WebSocketTransport(socket, options, time, logger, request.ConversationId);
        _dialect = dialect;
        _guard = new InboundGuard(options, utf8Json => dialect.Parse(request.ConversationId, utf8Json));
        _cursor = new LogCursor(request.LastSeq);
        _grain = grains.GetGrain<IConversationGrain>(request.ConversationId);
        _feed = feed;
        _options = options;
        _time = time;
        _instruments = instruments;
        _retry = retry;
        _logger = logger;
        _stallTimer = time.CreateTimer(_ => CheckStalled(), null, options.StallTimeout, options.StallTimeout);
        ConnectedAt = time.GetUtcNow();
    }

    /// <summary>What the client asked for when it connected.</summary>
    public ConnectionRequest Request { get; }

    /// <summary>When the socket was accepted.</summary>
    public DateTimeOffset ConnectedAt { get; }

    /// <summary>Client frames read on this socket.</summary>
    public long FramesReceived => _transport.FramesReceived;

    /// <summary>Frames written to this socket.</summary>
    public long FramesSent => _transport.FramesSent;

    private string ConversationId => Request.ConversationId;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>Serves the socket until it closes.</summary>
    public async Task RunAsync()
    {
        var token = _transport.Aborted;
        IAsyncDisposable? subscription = null;
        try
        {
            // Subscribe first, then ask for the replay: a frame published in between is held and then
            // either sent or dropped as already sent, so nothing falls between the two. Holding starts
            // before the subscription, since frames may arrive as soon as it exists.
            lock (_gate)
            {
                _held = [];
            }

            EnqueueDirect(_dialect.Greeting(Now, ConversationId));
            subscription = await CallAsync(() => _feed.SubscribeAsync(ConversationId, OnFramesAsync, token), token);

            // A client that keeps no seq starts where the log ends now: what follows reaches it live (or,
            // published meanwhile, from the held frames).
            var lastSeq = Request.FromEnd ? (await CallAsync(() => _grain.GetSnapshotAsync(), token)).LastSeq : Request.LastSeq;
            await ResumeAsync(lastSeq, token);
        }
        catch (Exception exception) when (!token.IsCancellationRequested)
        {
            LogConnectFailed(exception, ConversationId);
            EnqueueDirect(Error(ErrorCodes.ServiceUnavailable, "The conversation cannot be reached just now; reconnect shortly.", retry: true));
            _transport.BeginClose(TryAgainLater, "conversation unavailable");
        }

        try
        {
            await _transport.RunAsync(this);
        }
        finally
        {
            if (subscription is not null)
            {
                await subscription.DisposeAsync();
            }
        }
    }

    /// <summary>Tells the client to reconnect elsewhere and closes with 1012 (the node is shutting down).</summary>
    public void Drain() =>
        Drain(ReconnectCauses.ShuttingDown, "This node is shutting down; reconnect with last_seq, any node will do.");

    /// <summary>Sends <c>system/reconnect</c> saying why (<paramref name="cause"/>, one of <see cref="ReconnectCauses"/>) and closes with 1012.</summary>
    public void Drain(string cause, string reason)
    {
        EnqueueDirect(_dialect.Reconnect(Now, ConversationId, reason, cause));
        _transport.BeginClose(ServiceRestart, cause);
    }

    /// <summary>Drops the socket at once, without a closing handshake.</summary>
    public void Abort() => _transport.Abort();

    /// <inheritdoc />
    public void Dispose()
    {
        _stallTimer.Dispose();
        _guard.Dispose();
        _transport.Dispose();
    }

    private Task OnFramesAsync(FrameBatch batch)
    {
        lock (_gate)
        {
            if (_held is not null)
            {
                _held.AddRange(batch.Frames);
            }
            else
            {
                foreach (var frame in batch.Frames)
                {
                    Enqueue(Outbound.Log(frame));
                }
            }
        }

        return Task.CompletedTask;
    }

    private async Task ResumeAsync(long lastSeq, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _held ??= [];
        }

        ResumeResult? result = null;
        try
        {
            result = await CallAsync(() => _grain.ResumeAsync(lastSeq), cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                if (result is not null)
                {
                    EnqueueResume(lastSeq, result);
                }

                foreach (var frame in _held!)
                {
                    Enqueue(Outbound.Log(frame));
                }

                _held = null;
            }
        }
    }

    private void EnqueueResume(long lastSeq, ResumeResult result)
    {
        var snapshot = result.Snapshot;
        Enqueue(Outbound.Cursor(lastSeq));
        if (snapshot.TurnCount > 0)
        {
            EnqueueDirect(_dialect.Resumed(Now, snapshot));
        }

        if (result.ResyncRequired)
        {
            LogResyncRequired(ConversationId, lastSeq, snapshot.LastSeq);
            EnqueueDirect(_dialect.ResyncRequired(Now, snapshot, lastSeq));
            Enqueue(Outbound.Cursor(snapshot.LastSeq));
            return;
        }

        _instruments.OnFramesReplayed(result.Frames.Count);
        if (result.Frames.Count > 0)
        {
            Enqueue(Outbound.Replay(result.Frames));
        }
    }

    private void Enqueue(Outbound item) => _transport.Enqueue(item);

    // A notice the client's dialect has no frame for is not sent.
    private void EnqueueDirect(byte[]? json)
    {
        if (json is not null)
        {
            Enqueue(Outbound.Direct(json));
        }
    }

    private Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        _retry.CallAsync(call, cancellationToken);

    private void CheckStalled()
    {
        var quietFor = _time.GetElapsedTime(_cursor.LastSentAt);
        if (_cursor.TurnOpen && quietFor >= _options.StallTimeout && Interlocked.Exchange(ref _refreshQueued, 1) == 0)
        {
            Enqueue(Outbound.Refresh);
        }
    }

    private byte[] Error(string code, string message, bool retry, string? field = null, long? limit = null, string? messageId = null) =>
        _dialect.Error(Now, ConversationId, new DialectError(code, message, retry, field, limit, messageId));
}
