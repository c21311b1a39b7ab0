using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Conversations.Gateway.Tests.Dialects;

/// <summary>A WebSocket client of any dialect: it sends text as given and reads every frame as JSON, with or without a <c>type</c>.</summary>
public sealed class DialectClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>();
    private Task _reading = Task.CompletedTask;

    public static async Task<DialectClient> ConnectAsync(Uri webSocketBase, string pathAndQuery)
    {
        var client = new DialectClient();
        using var timeout = new CancellationTokenSource(Timeout);
        await client._socket.ConnectAsync(new Uri(webSocketBase, pathAndQuery), timeout.Token);
        client._reading = client.ReadAsync();
        return client;
    }

    public WebSocketState State => _socket.State;

    public async Task SendAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    public async Task<JsonElement> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _frames.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Frames up to and including the first that matches <paramref name="stop"/>.</summary>
    public async Task<List<JsonElement>> UntilAsync(Func<JsonElement, bool> stop)
    {
        var frames = new List<JsonElement>();
        while (true)
        {
            var frame = await NextAsync();
            frames.Add(frame);
            if (stop(frame))
            {
                return frames;
            }
        }
    }

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
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    using var json = JsonDocument.Parse(message.ToArray());
                    message.SetLength(0);
                    _frames.Writer.TryWrite(json.RootElement.Clone());
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Closed.
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
