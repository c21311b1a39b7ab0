using System.Net;
using System.Net.Sockets;

namespace Conversations.LoadTest;

/// <summary>
/// One HTTP handler per loopback source address (127.0.0.1, 127.0.0.2, …), each binding its sockets to
/// that address, so that one client holds more sockets than one address's ephemeral port range allows.
/// </summary>
public sealed class SourceAddresses : IDisposable
{
    private readonly HttpMessageInvoker[] _invokers;

    public SourceAddresses(int count)
    {
        _invokers = new HttpMessageInvoker[count];
        for (var i = 0; i < count; i++)
        {
            var local = new IPAddress([127, 0, 0, (byte)(i + 1)]);
            var handler = new SocketsHttpHandler
            {
                UseProxy = false,
                ConnectCallback = (context, cancellationToken) => ConnectFromAsync(local, context.DnsEndPoint, cancellationToken),
            };
            _invokers[i] = new HttpMessageInvoker(handler);
        }
    }

    /// <summary>The handler for connection <paramref name="index"/>.</summary>
    public HttpMessageInvoker For(int index) => _invokers[index % _invokers.Length];

    public void Dispose()
    {
        foreach (var invoker in _invokers)
        {
            invoker.Dispose();
        }
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress local, DnsEndPoint remote, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
            var address = remote.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(remote.Host);
            await socket.ConnectAsync(new IPEndPoint(address, remote.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
