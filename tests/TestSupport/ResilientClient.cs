using System.Threading.Channels;

namespace Conversations.Tests.Support;

/// <summary>
/// A client that behaves as the protocol asks a real one to: when its socket closes it reconnects, to the
/// next gateway, with the highest seq it processed, and resends an unacknowledged message with the same id.
/// It checks every log frame as it arrives: each seq exactly once, in order, without gaps.
/// </summary>
public sealed class ResilientClient(IReadOnlyList<Uri> gateways, string conversationId) : IAsyncDisposable
{
    private ProtocolClient? _socket;
    private int _nextGateway;
    private bool _connectedOnce;

    public string ConversationId { get; } = conversationId;

    /// <summary>Every log frame received, in order.</summary>
    public List<Frame> Log { get; } = [];

    /// <summary>How many times the socket had to be opened again.</summary>
    public int Reconnects { get; private set; }

    public long LastSeq => Log.Count > 0 ? Log[^1].Seq!.Value : 0;

    /// <summary>Sends one message and returns its reply, however many reconnects it takes.</summary>
    public async Task<Frame> TurnAsync(string messageId, string content, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        int? turn = null;
        var sent = false;
        while (true)
        {
            deadline.Token.ThrowIfCancellationRequested();
            _socket ??= await ConnectAsync(deadline.Token);
            Frame frame;
            try
            {
                if (!sent)
                {
                    await _socket.SendMessageAsync(messageId, content);
                    sent = true;
                }

                frame = await _socket.NextAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception exception) when (exception is ChannelClosedException or System.Net.WebSockets.WebSocketException or InvalidOperationException)
            {
                await DropAsync();
                sent = false;
                continue;
            }

            if (frame.Type == "ack" && frame.Seq <= LastSeq)
            {
                // The original ack of a message sent again: allowed, and not a new log frame.
                turn = frame.Id == messageId ? frame.Turn : turn;
                continue;
            }

            if (frame.Seq is { } seq)
            {
                if (seq != LastSeq + 1)
                {
                    throw new InvalidOperationException($"{ConversationId}: got seq {seq} after {LastSeq}");
                }

                Log.Add(frame);
            }

            if (frame.IsSystem("resync_required"))
            {
                throw new InvalidOperationException($"{ConversationId}: unexpected resync after seq {LastSeq}: {frame.Raw}");
            }

            if (frame.Type == "ack" && frame.Id == messageId)
            {
                turn = frame.Turn;
            }
            else if (frame.ErrorCode == "SERVICE_UNAVAILABLE" && frame.Id == messageId)
            {
                await Task.Delay(250, deadline.Token);
                sent = false;
            }
            else if (turn is { } answered && frame.IsReply(answered))
            {
                return frame;
            }
        }
    }

    public async ValueTask DisposeAsync() => await DropAsync();

    private async Task<ProtocolClient> ConnectAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var gateway = gateways[_nextGateway++ % gateways.Count];
            try
            {
                var socket = await ProtocolClient.ConnectAsync(gateway, ConversationId, LastSeq);
                if (_connectedOnce)
                {
                    Reconnects++;
                }

                _connectedOnce = true;
                return socket;
            }
            catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or OperationCanceledException && attempt < 200)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private async Task DropAsync()
    {
        if (_socket is not null)
        {
            _socket.Abort();
            await _socket.DisposeAsync();
            _socket = null;
        }
    }
}
