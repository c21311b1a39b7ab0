using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Telemetry;

namespace Conversations.Gateway.WebSockets;

// The receive loop: reads client frames one at a time and acts on them in order.
internal sealed partial class ConversationConnection
{
    // The type tag of client frames that could not be read as a protocol frame.
    private const string InvalidFrameType = "invalid";

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
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

                var parsed = await ReadFrameAsync(cancellationToken);
                if (parsed is null)
                {
                    return;
                }

                if (Volatile.Read(ref _closing) == 0 && WithinRateLimit())
                {
                    await HandleAsync(parsed, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Aborted.
        }
        catch (WebSocketException exception)
        {
            LogSocketFailed(exception, ConversationId);
        }
    }

    // Reads one whole message. Returns null when the client closed; an invalid frame for binary or
    // oversized messages (whose bytes are read and discarded).
    private async Task<InboundFrame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var limit = _options.MaxFrameBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            long total = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                // Past the limit, keep reading into the start of the buffer only to discard the rest.
                var target = total <= limit ? buffer.AsMemory((int)total, limit + 1 - (int)total) : buffer.AsMemory(0, limit);
                result = await _socket.ReceiveAsync(target, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                total += result.Count;
            }
            while (!result.EndOfMessage);

            if (total > limit)
            {
                return Oversized(total, limit);
            }

            if (result.MessageType == WebSocketMessageType.Binary)
            {
                return InboundFrame.Invalid("Binary frames are not accepted; send UTF-8 JSON text frames.");
            }

            return _parser.Parse(buffer.AsSpan(0, (int)total));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private InboundFrame Oversized(long size, int limit)
    {
        var refused = InboundFrame.TooLarge(
            $"The frame is {size} bytes; at most {limit} are allowed. It was discarded; repeated oversized frames close the connection.",
            "frame",
            limit);
        if (++_oversizeFrames > _options.OversizeWarnings)
        {
            // Abuse: say why, then close (1009). Nothing after this frame is read.
            LogOversizeClose(ConversationId, size, limit);
            Enqueue(Outbound.Direct(Error(refused.ErrorCode!, $"The frame is {size} bytes; at most {limit} are allowed. Closing the connection after repeated oversized frames.", retry: false, refused.Field, limit)));
            BeginClose(WebSocketCloseStatus.MessageTooBig, "frames over the size limit");
        }

        return refused;
    }

    // Every frame, valid or not, spends a token. A refused frame gets RATE_LIMITED (nothing is stored; the
    // client may send it again later); a flood that keeps going closes the socket with 1008.
    private bool WithinRateLimit()
    {
        _rateLimit.TryReplenish();
        using var lease = _rateLimit.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return true;
        }

        _instruments.OnRejected(ErrorCodes.RateLimited);
        if (++_rateLimitStrikes > _options.RateLimitStrikes)
        {
            LogRateLimitClose(ConversationId, _rateLimitStrikes);
            BeginClose(WebSocketCloseStatus.PolicyViolation, "rate limit exceeded");
            return false;
        }

        Enqueue(Outbound.Direct(Error(
            ErrorCodes.RateLimited,
            $"More than {_options.MessagesPerSecond} frames a second (bursts of {_options.MessageBurst}): this frame was dropped and nothing was stored. Slow down and send it again.",
            retry: true,
            limit: _options.MessagesPerSecond)));
        return false;
    }

    private async Task HandleAsync(InboundFrame parsed, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _framesReceived);
        if (parsed.Frame is not { } frame)
        {
            _instruments.OnFrameReceived(InvalidFrameType);
            _instruments.OnRejected(parsed.ErrorCode!);
            Enqueue(Outbound.Direct(Error(parsed.ErrorCode!, parsed.ErrorMessage!, retry: false, parsed.Field, parsed.Limit, parsed.MessageId)));
            return;
        }

        _instruments.OnFrameReceived(frame.Type!);
        try
        {
            switch (frame.Type)
            {
                case FrameTypes.UserMessage:
                    await SubmitAsync(frame, cancellationToken);
                    break;
                case FrameTypes.Resume:
                    await ResumeAsync(frame.LastSeq!.Value, cancellationToken);
                    break;
                case FrameTypes.Cancel:
                    await CallAsync(() => _grain.CancelAsync(frame.Turn), cancellationToken);
                    break;
                case FrameTypes.Ping:
                    Enqueue(Outbound.Direct(GatewayFrames.Pong(Now)));
                    break;
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogGrainCallFailed(exception, ConversationId, frame.Type!);
            var what = frame.Type == FrameTypes.UserMessage
                ? $"Message '{frame.Id}' was not stored. Send it again with the same id; it will not be answered twice."
                : $"The {frame.Type} request could not be served; send it again.";
            Enqueue(Outbound.Direct(Error(ErrorCodes.ServiceUnavailable, $"The conversation is unavailable just now. {what}", retry: true, messageId: frame.Id)));
        }
    }

    private async Task SubmitAsync(ClientFrame frame, CancellationToken cancellationToken)
    {
        var message = new UserMessage(frame.Id!, frame.Content!, frame.UserName ?? Request.UserName, Request.UserId);

        // Every turn is a trace of its own, linked to the socket's request rather than inside it (a socket
        // lives for hours); the grain carries it on to the reply.
        var socketActivity = Activity.Current;
        Activity.Current = null;
        using var activity = ConversationActivities.Source.StartActivity(
            ConversationActivities.Submit,
            ActivityKind.Server,
            default(ActivityContext),
            links: socketActivity is null ? null : [new ActivityLink(socketActivity.Context)]);
        activity?.SetTag(ConversationActivities.ConversationIdTag, ConversationId);
        SubmitResult result;
        var attempts = 0;
        try
        {
            result = await CallAsync(
                () =>
                {
                    attempts++;
                    return _grain.SubmitAsync(message);
                },
                cancellationToken);
        }
        finally
        {
            Activity.Current = socketActivity;
        }

        activity?.SetTag(ConversationActivities.TurnTag, result.Ack?.Turn);
        switch (result.Outcome)
        {
            case SubmitOutcome.Accepted:
            case SubmitOutcome.Duplicate when attempts > 1:
                // The same ack also comes on the stream; whichever arrives second is dropped by seq. A
                // "duplicate" that our own retry of a timed-out call caused is the client's first and only
                // send: its ack is a log frame like any other, not the answer to a resend (which would reach
                // the client twice).
                Enqueue(Outbound.Log(result.Ack!));
                break;
            case SubmitOutcome.Duplicate:
                Enqueue(Outbound.Direct(result.Ack!.Json));
                break;
            case SubmitOutcome.Busy:
                _instruments.OnRejected(ErrorCodes.ConversationBusy);
                Enqueue(Outbound.Direct(Error(
                    ErrorCodes.ConversationBusy,
                    $"A reply is being generated and this conversation takes one message at a time. Message '{frame.Id}' was not stored; send it again when the reply is complete.",
                    retry: true,
                    messageId: frame.Id)));
                break;
        }
    }
}
