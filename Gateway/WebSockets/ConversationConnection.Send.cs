using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.WebSockets;

// What the send loop does with each queued item: log frames go out once and in order (the cursor decides),
// gaps are filled from the grain, notices go out as they are.
internal sealed partial class ConversationConnection
{
    /// <inheritdoc />
    public async ValueTask SendAsync(Outbound item, CancellationToken cancellationToken)
    {
        switch (item.Kind)
        {
            case OutboundKind.Cursor:
                _cursor.MoveTo(item.Seq);
                break;
            case OutboundKind.Direct:
                await WriteAsync(item.Json!, cancellationToken);
                break;
            case OutboundKind.Log:
                await SendLogFrameAsync(item.Json!, item.Seq, item.EndsTurn, cancellationToken);
                break;
            case OutboundKind.Replay:
                foreach (var frame in item.Frames!)
                {
                    await SendLogFrameAsync(frame.Json, frame.Seq, frame.EndsTurn, cancellationToken);
                }

                break;
            case OutboundKind.Refresh:
                Volatile.Write(ref _refreshQueued, 0);
                LogStalled(ConversationId, _cursor.LastSentSeq);
                await FillGapAsync(cancellationToken);
                break;
        }
    }

    private async ValueTask SendLogFrameAsync(byte[] json, long seq, bool endsTurn, CancellationToken cancellationToken)
    {
        var step = _cursor.Place(seq);
        if (step == CursorStep.Gap)
        {
            await FillGapAsync(cancellationToken);
            step = _cursor.Place(seq);
        }

        switch (step)
        {
            case CursorStep.AlreadySent:
                return;
            case CursorStep.Gap:
                // Sending it would leave a hole in the client's log. Drop the socket instead: the client
                // reconnects with its last_seq and gets a clean replay.
                LogGapUnfilled(ConversationId, _cursor.LastSentSeq, seq);
                Abort();
                return;
            default:
                await WriteLogAsync(json, cancellationToken);
                _cursor.Sent(seq, endsTurn, _time.GetTimestamp());
                return;
        }
    }

    // A frame arrived with frames missing before it (lost or late on the stream), or the stream went quiet
    // in the middle of a turn: fetch what the grain has after the last frame sent.
    private async Task FillGapAsync(CancellationToken cancellationToken)
    {
        ResumeResult result;
        try
        {
            result = await CallAsync(() => _grain.ResumeAsync(_cursor.LastSentSeq), cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogGapFillFailed(exception, ConversationId, _cursor.LastSentSeq);
            return;
        }

        if (result.ResyncRequired)
        {
            if (_dialect.ResyncRequired(Now, result.Snapshot, _cursor.LastSentSeq) is { } resync)
            {
                await WriteAsync(resync, cancellationToken);
            }

            _cursor.MoveTo(result.Snapshot.LastSeq);
            return;
        }

        _instruments.OnFramesReplayed(result.Frames.Count);
        foreach (var frame in result.Frames)
        {
            if (_cursor.Place(frame.Seq) == CursorStep.Next)
            {
                await WriteLogAsync(frame.Json, cancellationToken);
                _cursor.Sent(frame.Seq, frame.EndsTurn, _time.GetTimestamp());
            }
        }
    }

    // A log frame in the client's dialect; one it has no frame for is skipped (its seq still counts as sent).
    private ValueTask WriteLogAsync(byte[] json, CancellationToken cancellationToken) =>
        _dialect.Log(json) is { } shown ? WriteAsync(shown, cancellationToken) : ValueTask.CompletedTask;

    private ValueTask WriteAsync(byte[] json, CancellationToken cancellationToken)
    {
        _instruments.OnFrameSent(GatewayFrames.TypeOf(json));
        return _transport.WriteAsync(json, cancellationToken);
    }
}
