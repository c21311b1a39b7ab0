using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Conversations.Gateway.Hosting;

namespace Conversations.Gateway.WebSockets;

/// <summary>
/// The mechanics of one socket, apart from what its frames mean: a receive loop that reads whole messages
/// (bounded in size, without holding a buffer while idle), a send loop that is the only writer, a bounded queue
/// in between (a client that does not read is dropped rather than buffered without end), the idle timeout, and
/// the closing handshake with its timeout. What to do with a message, and how to send an item, is the
/// <see cref="ITransportHandler"/>'s.
/// </summary>
internal sealed partial class WebSocketTransport : IDisposable
{
    private readonly WebSocket _socket;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly Channel<Outbound> _outbound;
    private readonly CancellationTokenSource _aborted = new();
    private readonly ITimer _idleTimer;
    private long _framesReceived;
    private long _framesSent;
    private int _closing;
    private int _slow;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "closed";

    /// <param name="socket">The accepted socket.</param>
    /// <param name="options">Limits and timeouts.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where transport events are logged.</param>
    /// <param name="name">What the socket serves (the conversation id), for the logs.</param>
    public WebSocketTransport(WebSocket socket, GatewayOptions options, TimeProvider time, ILogger logger, string name)
    {
        _socket = socket;
        _options = options;
        _time = time;
        _logger = logger;
        _name = name;
        _outbound = Channel.CreateBounded<Outbound>(new BoundedChannelOptions(options.OutboundQueueFrames)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _idleTimer = time.CreateTimer(_ => BeginClose(WebSocketCloseStatus.EndpointUnavailable, "idle timeout"), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancelled when the socket is dropped.</summary>
    public CancellationToken Aborted => _aborted.Token;

    /// <summary>Whether the socket is closing: nothing more is read or queued.</summary>
    public bool IsClosing => Volatile.Read(ref _closing) == 1;

    /// <summary>Client messages read.</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Frames written to the socket.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>Runs both loops until the socket is closed or dropped.</summary>
    public async Task RunAsync(ITransportHandler handler)
    {
        var token = _aborted.Token;
        var sending = SendLoopAsync(handler, token);
        var receiving = ReceiveLoopAsync(handler, token);
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
            LogCloseTimedOut(_name);
        }
        finally
        {
            Abort();
            await Task.WhenAll(sending, receiving);
        }
    }

    /// <summary>
    /// Queues an item for the send loop. A client that does not read as fast as its conversation writes fills
    /// the queue: it is dropped (it reconnects and resumes from its last_seq), and that is logged once.
    /// </summary>
    public void Enqueue(Outbound item)
    {
        if (_outbound.Writer.TryWrite(item) || IsClosing)
        {
            return;
        }

        if (Interlocked.Exchange(ref _slow, 1) == 0)
        {
            LogSlowClient(_name, _options.OutboundQueueFrames);
        }

        Abort();
    }

    /// <summary>Closes after what is queued: the send loop ends with a close frame of this status.</summary>
    public void BeginClose(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return;
        }

        _closeStatus = status;
        _closeReason = reason;
        _outbound.Writer.TryComplete();
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

    /// <summary>Writes one text frame; for the handler's <see cref="ITransportHandler.SendAsync"/> only.</summary>
    // Counted as the write starts, so that the send stays a plain ValueTask (no state machine per frame).
    public ValueTask WriteAsync(byte[] json, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _framesSent);
        return _socket.SendAsync(new ReadOnlyMemory<byte>(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _idleTimer.Dispose();
        _aborted.Dispose();
    }

    private async Task ReceiveLoopAsync(ITransportHandler handler, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                _idleTimer.Change(_options.IdleTimeout, Timeout.InfiniteTimeSpan);

                // Wait for data without a buffer, so that idle sockets hold no memory for reading.
                var ready = await _socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken);
                if (ready.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (await ReadMessageAsync(handler, cancellationToken) is not { } verdict)
                {
                    return;
                }

                Interlocked.Increment(ref _framesReceived);
                if (!IsClosing)
                {
                    await handler.HandleAsync(verdict, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Aborted.
        }
        catch (WebSocketException exception)
        {
            LogSocketFailed(exception, _name);
        }
    }

    // Reads one whole message and has the handler inspect it before the buffer goes back to the pool. Returns
    // null when the client closed. Past the size limit the rest is read and discarded.
    private async Task<GuardVerdict?> ReadMessageAsync(ITransportHandler handler, CancellationToken cancellationToken)
    {
        var limit = _options.MaxFrameBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            long total = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                var target = total <= limit ? buffer.AsMemory((int)total, limit + 1 - (int)total) : buffer.AsMemory(0, limit);
                result = await _socket.ReceiveAsync(target, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                total += result.Count;
            }
            while (!result.EndOfMessage);

            var held = (int)Math.Min(total, limit);
            return handler.Inspect(buffer.AsSpan(0, held), total, result.MessageType == WebSocketMessageType.Binary);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task SendLoopAsync(ITransportHandler handler, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _outbound.Reader.ReadAllAsync(cancellationToken))
            {
                await handler.SendAsync(item, cancellationToken);
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(_closeStatus, _closeReason, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Aborted.
        }
        catch (WebSocketException exception)
        {
            LogSocketFailed(exception, _name);
        }
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: client too slow ({QueuedFrames} frames queued); disconnected")]
    private partial void LogSlowClient(string conversationId, int queuedFrames);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Conversation {ConversationId}: closing handshake timed out; socket aborted")]
    private partial void LogCloseTimedOut(string conversationId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Conversation {ConversationId}: socket failed")]
    private partial void LogSocketFailed(Exception exception, string conversationId);
}
