using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Conversations.Tests.Support;

/// <summary>A real WebSocket client of the gateway, reading frames in the background.</summary>
public sealed class ProtocolClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<Frame> _frames = Channel.CreateUnbounded<Frame>();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reading = Task.CompletedTask;

    public long LastSeq { get; private set; }

    public static async Task<ProtocolClient> ConnectAsync(Uri baseUri, string conversationId, long? lastSeq = null, string? query = null)
    {
        var client = new ProtocolClient();
        var parts = new List<string>();
        if (lastSeq is { } seq)
        {
            parts.Add($"last_seq={seq}");
        }

        if (query is not null)
        {
            parts.Add(query);
        }

        var uri = new Uri(baseUri, $"/ws/conversation/{conversationId}{(parts.Count > 0 ? "?" + string.Join('&', parts) : string.Empty)}");
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await client._socket.ConnectAsync(uri, timeout.Token);
        client._reading = client.ReadAsync();
        return client;
    }

    public Task SendAsync(object frame) => SendTextAsync(JsonSerializer.Serialize(frame, Json));

    public Task SendMessageAsync(string id, string content) => SendAsync(new { type = "user_message", id, content });

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    public async Task SendBinaryAsync(byte[] data)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await _socket.SendAsync(data, WebSocketMessageType.Binary, true, timeout.Token);
    }

    public async Task<Frame> NextAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout);
        return await _frames.Reader.ReadAsync(cancellation.Token);
    }

    /// <summary>Frames up to and including the first that matches <paramref name="stop"/>.</summary>
    public async Task<List<Frame>> UntilAsync(Func<Frame, bool> stop, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var frames = new List<Frame>();
        while (true)
        {
            var frame = await _frames.Reader.ReadAsync(cancellation.Token);
            frames.Add(frame);
            if (stop(frame))
            {
                return frames;
            }
        }
    }

    /// <summary>Waits for the server to close; returns its close status.</summary>
    public Task<WebSocketCloseStatus?> ClosedAsync(TimeSpan? timeout = null) => _closed.Task.WaitAsync(timeout ?? DefaultTimeout);

    public void Abort() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                _socket.Abort();
            }
        }

        _socket.Abort();
        await _reading;
        _socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _closed.TrySetResult(result.CloseStatus);
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    }

                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    var frame = Frame.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                    message.SetLength(0);
                    if (frame.Seq is { } seq)
                    {
                        LastSeq = seq;
                    }

                    _frames.Writer.TryWrite(frame);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            _closed.TrySetResult(null);
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
