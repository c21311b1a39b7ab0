using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Conversations.LoadTest;

/// <summary>
/// One client socket talking to one conversation. It keeps the conversation's <see cref="SequenceChecker"/>
/// across reconnects and resumes with <c>last_seq</c> when its socket is dropped, by the storm or otherwise.
/// A socket the server side lost is reopened like a real client would: on the next gateway address, then on
/// the one after at each failed attempt, with a growing pause between attempts, a bounded number of times.
/// </summary>
public sealed class LoadConnection : IAsyncDisposable
{
    private const int MaxRecoveries = 20;
    private const int MaxAttempts = 8;
    private const int MaxRetries = 20;
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyList<Uri> _urls;
    private readonly string _query;
    private readonly HttpMessageInvoker _invoker;
    private readonly LoadStatistics _statistics;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _sync = new();
    private readonly CancellationTokenSource _disposing = new();
    private readonly ConnectionTimeline? _timeline;

    // Turns whose message went out more than once (resent after a reconnect, or retried after a refusal). The
    // server answers each resend with the message's original ack, which can arrive after the turn was answered
    // through the replay, even during the next turn: for these turns such an ack is expected, not a duplicate.
    private readonly HashSet<int> _sentAgain = [];

    private ClientWebSocket? _socket;
    private int _urlIndex;
    private Task _receiving = Task.CompletedTask;
    private int _generation;
    private int _recoveries;
    private int _turnsSent;
    private bool _closing;
    private TurnInFlight? _turn;

    /// <summary>A connection to <paramref name="urls"/>[<paramref name="urlIndex"/>], moving on to the others when that gateway is lost.</summary>
    public LoadConnection(IReadOnlyList<Uri> urls, int urlIndex, string conversationId, string query, HttpMessageInvoker invoker, LoadStatistics statistics, ConnectionTimeline? timeline = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(urls.Count);
        _urls = urls;
        _urlIndex = urlIndex % urls.Count;
        ConversationId = conversationId;
        _query = query;
        _invoker = invoker;
        _statistics = statistics;
        _timeline = timeline;
    }

    public string ConversationId { get; }

    /// <summary>When its turns and log frames happened, if the run attributes turns to events.</summary>
    public ConnectionTimeline? Timeline => _timeline;

    /// <summary>The gateway address the socket is (or was last) open to.</summary>
    public Uri Url => _urls[Volatile.Read(ref _urlIndex)];

    /// <summary>This conversation's log as received so far.</summary>
    public SequenceChecker Checker { get; } = new();

    /// <summary>Turns acknowledged and not yet ended by <c>assistant_message</c> (or a turn-ending error).</summary>
    public int OpenTurns { get; private set; }

    /// <summary>Whether a reply is being streamed to this socket right now (acked, not finished).</summary>
    public bool InReply
    {
        get
        {
            lock (_sync)
            {
                return _turn is { Acked: true, Done.Task.IsCompleted: false };
            }
        }
    }

    /// <summary>Opens the socket (with <c>last_seq</c> once the conversation has a log).</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            await OpenAsync(cancellationToken);
            _statistics.Connect.Record(Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends the next user message; the task it returns ends with the turn's reply.</summary>
    public async Task<Task> SendTurnAsync(string content, long startedAt, CancellationToken cancellationToken)
    {
        TurnInFlight turn;
        lock (_sync)
        {
            _turnsSent++;
            var id = string.Create(CultureInfo.InvariantCulture, $"m{_turnsSent}");
            var frame = JsonSerializer.SerializeToUtf8Bytes(new UserMessage("user_message", id, content), LoadJsonContext.Default.UserMessage);
            turn = new TurnInFlight(_turnsSent, id, frame, startedAt);
            _turn = turn;
            _timeline?.OnTurnStarted(startedAt);
        }

        _statistics.OnTurnStarted();
        await SendFrameAsync(turn.Frame, cancellationToken);
        return turn.Done.Task;
    }

    private async Task SendFrameAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _socket!.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The server refused the message without storing it and suggested a retry (SERVICE_UNAVAILABLE,
    // RATE_LIMITED, CONVERSATION_BUSY): send it again with the same id, as the protocol advises, a bounded
    // number of times, after a pause growing by 200 ms a time up to 2 s: about 30 s in all, so that a message
    // refused through an outage of the database (10-15 s in the failure drill) is still answered. Its
    // latencies then include the retries.
    private async Task RetryAsync(TurnInFlight turn)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(200 * turn.Retries, 2000)), timeout.Token);
            await SendFrameAsync(turn.Frame, timeout.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            _statistics.OnError("client_retry_failed");
        }
    }

    /// <summary>The reconnect storm: drops the socket without a close handshake and resumes with <c>last_seq</c>.</summary>
    public async Task DropAndResumeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_closing)
            {
                return;
            }

            var started = Stopwatch.GetTimestamp();
            MarkDisturbed();

            // Moving the generation on first tells the old socket's receive loop that this drop is ours.
            Interlocked.Increment(ref _generation);
            _socket?.Abort();
            await OpenAsync(cancellationToken);
            _statistics.OnReconnect();
            _statistics.Reconnect.Record(Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the socket with a close handshake, or aborts it when that takes too long.</summary>
    public async ValueTask DisposeAsync()
    {
        // A recovery in progress holds the gate through its pauses: end it first.
        await _disposing.CancelAsync();
        await _gate.WaitAsync();
        try
        {
            _closing = true;
            Interlocked.Increment(ref _generation);
            if (_socket is { State: WebSocketState.Open } socket)
            {
                using var timeout = new CancellationTokenSource(CloseTimeout);
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
                }
                catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
                {
                    // Closing anyway.
                }
            }

            _socket?.Abort();
        }
        finally
        {
            _gate.Release();
        }

        await _receiving.WaitAsync(CloseTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket?.Dispose();
        _gate.Dispose();
        _disposing.Dispose();
    }

    // Caller holds _gate.
    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        var query = _query;
        if (Checker.Highest > 0)
        {
            query += string.Create(CultureInfo.InvariantCulture, $"&last_seq={Checker.Highest}");
        }

        var uri = new Uri(_urls[_urlIndex], $"/ws/conversation/{ConversationId}?{query}");
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            await socket.ConnectAsync(uri, _invoker, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var previous = _socket;
        var generation = Interlocked.Increment(ref _generation);
        _socket = socket;
        previous?.Dispose();
        _receiving = ReceiveAsync(socket, generation);

        // A message whose ack had not arrived may never have reached the server (an aborted socket drops
        // what it had not yet delivered): send it again with the same id, as the protocol advises. If it did
        // arrive, the server answers with the original ack, which the replay may also carry; both are expected.
        byte[]? unacked = null;
        lock (_sync)
        {
            if (_turn is { Acked: false, Done.Task.IsCompleted: false } turn)
            {
                turn.Resent = true;
                _sentAgain.Add(turn.Number);
                unacked = turn.Frame;
            }
        }

        if (unacked is not null)
        {
            await socket.SendAsync(unacked, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, int generation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var message = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (result.EndOfMessage && message.WrittenCount == 0)
                {
                    OnFrame(buffer.AsSpan(0, result.Count), generation);
                    continue;
                }

                message.Write(buffer.AsSpan(0, result.Count));
                if (result.EndOfMessage)
                {
                    OnFrame(message.WrittenSpan, generation);
                    message.ResetWrittenCount();
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket went away: ours (the storm, the end of the run) or the server's; decided below.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (generation == Volatile.Read(ref _generation) && !_closing)
        {
            _statistics.OnUnexpectedDisconnect();
            _ = RecoverAsync(generation);
        }
    }

    // A socket the server closed or lost while the run goes on is reopened, by last_seq, on the next address
    // first: the gateway that lost it may be gone (killed, or shutting down and asking its clients to go
    // elsewhere), and any gateway serves any conversation. Each failed attempt moves on to the address after
    // it, after a pause that doubles from 100 ms up to 2 s, jittered so that the sockets of a dead gateway do
    // not all arrive at the same moment. Bounded: 8 attempts per loss, 20 losses per connection.
    private async Task RecoverAsync(int generation)
    {
        try
        {
            await _gate.WaitAsync(_disposing.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            // The run is over and the connection is being (or has been) disposed.
            return;
        }

        try
        {
            if (_closing || generation != _generation)
            {
                return;
            }

            if (++_recoveries > MaxRecoveries)
            {
                _statistics.OnConnectFailure();
                return;
            }

            MarkDisturbed();
            var started = Stopwatch.GetTimestamp();
            var lost = _urlIndex;
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                Volatile.Write(ref _urlIndex, (_urlIndex + 1) % _urls.Count);
                try
                {
                    await Task.Delay(Backoff(attempt), _disposing.Token);
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token);
                    timeout.CancelAfter(AttemptTimeout);
                    await OpenAsync(timeout.Token);
                    _statistics.OnReconnect();
                    _statistics.Reconnect.Record(Stopwatch.GetElapsedTime(started));
                    if (_urlIndex != lost)
                    {
                        _statistics.OnFailover();
                    }

                    return;
                }
                catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or HttpRequestException)
                {
                    _statistics.OnConnectAttemptFailed();
                }
            }

            _statistics.OnConnectFailure();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(FirstBackoff.TotalMilliseconds * (1 << attempt), MaxBackoff.TotalMilliseconds) * (0.5 + Random.Shared.NextDouble()));

    private void MarkDisturbed()
    {
        lock (_sync)
        {
            _turn?.Disturbed = true;
        }
    }

    private void OnFrame(ReadOnlySpan<byte> json, int generation)
    {
        _statistics.OnFrame();
        ServerFrame frame;
        try
        {
            frame = ServerFrame.Parse(json);
        }
        catch (JsonException)
        {
            _statistics.OnUnreadableFrame();
            return;
        }

        lock (_sync)
        {
            if (generation != _generation)
            {
                return;
            }

            // A duplicate is counted by the checker and not acted on twice; a frame after a gap is new.
            // A message sent again is answered with its original ack, byte for byte (protocol): expected, not a duplicate.
            if (frame is { Type: "ack", Seq: { } ackSeq, Turn: { } ackTurn } && ackSeq <= Checker.Highest && _sentAgain.Contains(ackTurn))
            {
                return;
            }

            var highest = Checker.Highest;
            var verdict = frame.Seq is { } seq ? Checker.Observe(seq) : SeqVerdict.Next;
            if (verdict != SeqVerdict.Next)
            {
                _statistics.OnViolation(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{ConversationId}: {verdict} {frame.Type}{(frame.Content is null ? string.Empty : "/" + frame.Content)}{(frame.Id is null ? string.Empty : " id " + frame.Id)} seq {frame.Seq} turn {frame.Turn} after seq {highest} (socket {generation}, turn sent {_turnsSent}, acked {_turn?.Acked}, retries {_turn?.Retries}, at {Stopwatch.GetElapsedTime(_turn?.StartedAt ?? 0).TotalMilliseconds:F0} ms)"));
            }

            if (verdict == SeqVerdict.Duplicate)
            {
                return;
            }

            if (frame.Seq is not null)
            {
                _timeline?.OnLogFrame(Stopwatch.GetTimestamp());
            }

            Handle(frame);
        }
    }

    private void Handle(ServerFrame frame)
    {
        var turn = _turn;
        switch (frame.Type)
        {
            case "ack":
                _statistics.OnTurnAcked();
                OpenTurns++;
                if (turn is null || frame.Turn != turn.Number)
                {
                    _statistics.OnTurnMismatch();
                    return;
                }

                turn.Acked = true;
                if (!turn.Disturbed)
                {
                    _statistics.Ack.Record(Stopwatch.GetElapsedTime(turn.StartedAt));
                }

                break;
            case "assistant_delta":
                if (turn is { SawDelta: false } && frame.Turn == turn.Number)
                {
                    turn.SawDelta = true;
                    if (!turn.Disturbed)
                    {
                        _statistics.FirstDelta.Record(Stopwatch.GetElapsedTime(turn.StartedAt));
                    }
                }

                break;
            case "assistant_message":
                EndTurn(frame, turn);
                break;
            case "error":
                _statistics.OnError(frame.ErrorCode ?? "unknown");


                // A log error ends its turn, except a model failure that the fallback responder answers.
                if (frame.Seq is not null && frame.ErrorCode is not ("LLM_TIMEOUT" or "LLM_PROCESSING_ERROR"))
                {
                    EndTurn(frame, turn);
                }
                else if (frame.Seq is null && frame.RetrySuggested && turn is { Acked: false, Retries: < MaxRetries })
                {
                    turn.Retries++;
                    _sentAgain.Add(turn.Number);
                    _statistics.OnRetry();
                    _ = RetryAsync(turn);
                }

                break;
            case "system" when frame.Content == "resync_required":
                _statistics.OnResync();
                if (frame.MetadataLastSeq is { } lastSeq)
                {
                    Checker.Resync(lastSeq);
                }

                break;
            default:
                break;
        }
    }

    private void EndTurn(ServerFrame frame, TurnInFlight? turn)
    {
        OpenTurns--;
        if (turn is null || frame.Turn != turn.Number)
        {
            _statistics.OnTurnMismatch();
            return;
        }

        if (!turn.Disturbed)
        {
            _statistics.Turn.Record(Stopwatch.GetElapsedTime(turn.StartedAt));
        }

        _statistics.OnTurnCompleted();
        _timeline?.OnTurnEnded(Stopwatch.GetTimestamp());
        turn.Done.TrySetResult();
    }

    /// <summary>The user_message frame.</summary>
    internal sealed record UserMessage(string Type, string Id, string Content);
}
