using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.Streaming;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Telemetry;

namespace Conversations.Gateway.WebSockets;

/// <summary>
/// One client socket on one conversation. A receive loop reads and checks client frames and forwards them
/// to the grain; a send loop is the only writer to the socket. Between them a bounded queue: frames from
/// the conversation stream, replays and the gateway's own notices all go through it, and the send loop
/// sends each log frame once, in seq order, filling any gap from the grain.
/// </summary>
internal sealed partial class ConversationConnection : IDisposable
{
    /// <summary>Close code 1012: the server is restarting; reconnect (any node will do).</summary>
    public const WebSocketCloseStatus ServiceRestart = (WebSocketCloseStatus)1012;

    /// <summary>Close code 1013: try again later.</summary>
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    private readonly WebSocket _socket;
    private readonly IConversationGrain _grain;
    private readonly IConversationFeed _feed;
    private readonly InboundFrameParser _parser;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ConversationInstruments _instruments;
    private readonly ILogger _logger;
    private readonly Channel<Outbound> _outbound;
    private readonly CancellationTokenSource _aborted = new();
    private readonly Lock _gate = new();
    private readonly ITimer _idleTimer;
    private readonly ITimer _stallTimer;
    private readonly TokenBucketRateLimiter _rateLimit;
    private int _rateLimitStrikes;
    private List<LogFrame>? _held;
    private long _lastSentSeq;
    private long _lastLogFrameAt;
    private volatile bool _turnOpen;
    private int _refreshQueued;
    private int _oversizeFrames;
    private long _framesReceived;
    private long _framesSent;
    private int _closing;
    private int _slow;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "closed";

    public ConversationConnection(
        WebSocket socket,
        ConnectionRequest request,
        IGrainFactory grains,
        IConversationFeed feed,
        InboundFrameParser parser,
        GatewayOptions options,
        TimeProvider time,
        ConversationInstruments instruments,
        ILogger logger)
    {
        _socket = socket;
        Request = request;
        _grain = grains.GetGrain<IConversationGrain>(request.ConversationId);
        _feed = feed;
        _parser = parser;
        _options = options;
        _time = time;
        _instruments = instruments;
        _logger = logger;
        _outbound = Channel.CreateBounded<Outbound>(new BoundedChannelOptions(options.OutboundQueueFrames)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _idleTimer = time.CreateTimer(_ => BeginClose(WebSocketCloseStatus.EndpointUnavailable, "idle timeout"), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _stallTimer = time.CreateTimer(_ => CheckStalled(), null, options.StallTimeout, options.StallTimeout);
        _lastSentSeq = request.LastSeq;

        // Replenished on use rather than by a timer, so that an idle socket holds no timer for it.
        _rateLimit = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.MessageBurst,
            TokensPerPeriod = options.MessagesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            AutoReplenishment = false,
            QueueLimit = 0,
        });
        ConnectedAt = time.GetUtcNow();
    }

    /// <summary>What the client asked for when it connected.</summary>
    public ConnectionRequest Request { get; }

    /// <summary>When the socket was accepted.</summary>
    public DateTimeOffset ConnectedAt { get; }

    /// <summary>Client frames read on this socket.</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Frames written to this socket.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    private string ConversationId => Request.ConversationId;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>Serves the socket until it closes.</summary>
    public async Task RunAsync()
    {
        var token = _aborted.Token;
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

            subscription = await CallAsync(() => _feed.SubscribeAsync(ConversationId, OnFramesAsync, token), token);
            await ResumeAsync(Request.LastSeq, token);
        }
        catch (Exception exception) when (!token.IsCancellationRequested)
        {
            LogConnectFailed(exception, ConversationId);
            Enqueue(Outbound.Direct(Error(ErrorCodes.ServiceUnavailable, "The conversation cannot be reached just now; reconnect shortly.", retry: true)));
            BeginClose(TryAgainLater, "conversation unavailable");
        }

        var sending = SendLoopAsync(token);
        var receiving = ReceiveLoopAsync(token);
        try
        {
            if (await Task.WhenAny(sending, receiving) == receiving)
            {
                // The client closed, or the socket broke: answer once what is queued has been sent.
                BeginClose(WebSocketCloseStatus.NormalClosure, "closed by client");
                await sending.WaitAsync(_options.CloseTimeout, _time);
            }
            else
            {
                // We closed (idle, abuse, shutdown) or could not send: give the client time to answer.
                await receiving.WaitAsync(_options.CloseTimeout, _time);
            }
        }
        catch (TimeoutException)
        {
            LogCloseTimedOut(ConversationId);
        }
        finally
        {
            Abort();
            await Task.WhenAll(sending, receiving);
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
        Enqueue(Outbound.Direct(GatewayFrames.Reconnect(Now, ConversationId, reason, cause)));
        BeginClose(ServiceRestart, cause);
    }

    /// <summary>Drops the socket at once, without a closing handshake.</summary>
    public void Abort()
    {
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing left to stop.
        }

        _socket.Abort();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _idleTimer.Dispose();
        _stallTimer.Dispose();
        _rateLimit.Dispose();
        _aborted.Dispose();
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
            Enqueue(Outbound.Direct(GatewayFrames.Resumed(Now, snapshot)));
        }

        if (result.ResyncRequired)
        {
            LogResyncRequired(ConversationId, lastSeq, snapshot.LastSeq);
            Enqueue(Outbound.Direct(GatewayFrames.ResyncRequired(Now, snapshot, lastSeq)));
            Enqueue(Outbound.Cursor(snapshot.LastSeq));
            return;
        }

        _instruments.OnFramesReplayed(result.Frames.Count);
        if (result.Frames.Count > 0)
        {
            Enqueue(Outbound.Replay(result.Frames));
        }
    }

    private void Enqueue(Outbound item)
    {
        if (_outbound.Writer.TryWrite(item) || Volatile.Read(ref _closing) == 1)
        {
            return;
        }

        // The client does not read as fast as its conversation writes: drop it rather than buffer
        // without bound. It reconnects and resumes from its last_seq. Frames keep arriving until the
        // subscription ends; the drop is logged once.
        if (Interlocked.Exchange(ref _slow, 1) == 0)
        {
            LogSlowClient(ConversationId, _options.OutboundQueueFrames);
        }

        Abort();
    }

    private Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        TransientRetry.CallAsync(call, _options.ClusterChangeRetry, _time, cancellationToken);

    private void CheckStalled()
    {
        var quietFor = _time.GetElapsedTime(Interlocked.Read(ref _lastLogFrameAt));
        if (_turnOpen && quietFor >= _options.StallTimeout && Interlocked.Exchange(ref _refreshQueued, 1) == 0)
        {
            Enqueue(Outbound.Refresh);
        }
    }

    private void BeginClose(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return;
        }

        _closeStatus = status;
        _closeReason = reason;
        _outbound.Writer.TryComplete();
    }

    private byte[] Error(string code, string message, bool retry, string? field = null, long? limit = null, string? messageId = null) =>
        GatewayFrames.Error(Now, ConversationId, code, message, retry, field, limit, messageId);
}
