using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Conversations.Tests.Support;

/// <summary>
/// A TCP relay on a free loopback port in front of another port, whose network can be cut: every open
/// connection is reset and new ones are reset as soon as they are accepted, until it is restored.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly ConcurrentDictionary<int, (Socket Client, Socket Upstream)> _open = new();
    private readonly CancellationTokenSource _stopped = new();
    private readonly Task _accepting;
    private volatile bool _cut;
    private int _nextConnection;
    private int _accepted;
    private int _refused;

    public TcpProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Connections relayed so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections reset because the network was cut.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Resets every open connection and every new one until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var id in _open.Keys)
        {
            if (_open.TryRemove(id, out var pair))
            {
                Reset(pair.Client);
                Reset(pair.Upstream);
            }
        }
    }

    /// <summary>Relays new connections again.</summary>
    public void Restore() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        await _stopped.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped.
        }

        _stopped.Dispose();
    }

    // An abortive close (linger 0): the peer sees a reset, as when a network path breaks, not a clean FIN.
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopped.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stopped.Token);
            if (_cut)
            {
                Interlocked.Increment(ref _refused);
                Reset(client);
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        var id = Interlocked.Increment(ref _nextConnection);
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stopped.Token);
            _open[id] = (client, upstream);
            Interlocked.Increment(ref _accepted);
            if (_cut)
            {
                Cut();
                return;
            }

            await Task.WhenAll(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Cut, or one side went away.
        }
        finally
        {
            _open.TryRemove(id, out _);
            client.Dispose();
            upstream.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopped.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopped.Token);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Cut, or one side went away: the other direction has nothing left to relay either.
            from.Dispose();
            to.Dispose();
        }
    }
}
