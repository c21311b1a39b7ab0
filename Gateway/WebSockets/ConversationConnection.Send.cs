using System.Net.WebSockets;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.WebSockets;

// The send loop: the only code that writes to the socket.
internal sealed partial class ConversationConnection
{
    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _outbound.Reader.ReadAllAsync(cancellationToken))
            {
                switch (item.Kind)
                {
                    case OutboundKind.Cursor:
                        _lastSentSeq = item.Seq;
                        break;
                    case OutboundKind.Direct:
                        await SendAsync(item.Json!, cancellationToken);
                        break;
                    case OutboundKind.Log:
                        await SendLogFrameAsync(item, cancellationToken);
                        break;
                    case OutboundKind.Replay:
                        foreach (var frame in item.Frames!)
                        {
                            await SendLogFrameAsync(Outbound.Log(frame), cancellationToken);
                        }

                        break;
                    case OutboundKind.Refresh:
                        Volatile.Write(ref _refreshQueued, 0);
                        LogStalled(ConversationId, _lastSentSeq);
                        await FillGapAsync(cancellationToken);
                        break;
                }
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
            LogSocketFailed(exception, ConversationId);
        }
    }

    private async Task SendLogFrameAsync(Outbound item, CancellationToken cancellationToken)
    {
        if (item.Seq <= _lastSentSeq)
        {
            return;
        }

        if (item.Seq > _lastSentSeq + 1)
        {
            await FillGapAsync(cancellationToken);
            if (item.Seq <= _lastSentSeq)
            {
                return;
            }
        }

        if (item.Seq != _lastSentSeq + 1)
        {
            // Sending it would leave a hole in the client's log. Drop the socket instead: the client
            // reconnects with its last_seq and gets a clean replay.
            LogGapUnfilled(ConversationId, _lastSentSeq, item.Seq);
            Abort();
            return;
        }

        await SendLogAsync(item.Json!, item.Seq, item.EndsTurn, cancellationToken);
    }

    // A frame arrived with frames missing before it (lost or late on the stream), or the stream went quiet
    // in the middle of a turn: fetch what the grain has after the last frame sent.
    private async Task FillGapAsync(CancellationToken cancellationToken)
    {
        ResumeResult result;
        try
        {
            result = await CallAsync(() => _grain.ResumeAsync(_lastSentSeq), cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogGapFillFailed(exception, ConversationId, _lastSentSeq);
            return;
        }

        if (result.ResyncRequired)
        {
            await SendAsync(GatewayFrames.ResyncRequired(Now, result.Snapshot, _lastSentSeq), cancellationToken);
            _lastSentSeq = result.Snapshot.LastSeq;
            return;
        }

        _instruments.OnFramesReplayed(result.Frames.Count);
        foreach (var frame in result.Frames)
        {
            if (frame.Seq == _lastSentSeq + 1)
            {
                await SendLogAsync(frame.Json, frame.Seq, frame.EndsTurn, cancellationToken);
            }
        }
    }

    private async Task SendLogAsync(byte[] json, long seq, bool endsTurn, CancellationToken cancellationToken)
    {
        await SendAsync(json, cancellationToken);
        _lastSentSeq = seq;
        _turnOpen = !endsTurn;
        Interlocked.Exchange(ref _lastLogFrameAt, _time.GetTimestamp());
    }

    // Counted as the write starts, so that the send stays a plain ValueTask (no state machine per frame).
    private ValueTask SendAsync(byte[] json, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _framesSent);
        _instruments.OnFrameSent(GatewayFrames.TypeOf(json));
        return _socket.SendAsync(new ReadOnlyMemory<byte>(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }
}
