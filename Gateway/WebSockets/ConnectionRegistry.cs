using System.Collections.Concurrent;
using Conversations.Gateway.Hosting;
using Conversations.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.WebSockets;

/// <summary>
/// The open sockets of this gateway. As soon as shutdown begins (before any hosted service stops, the web
/// server included) it refuses new sockets and tells every client to reconnect elsewhere (close code 1012);
/// it then holds shutdown up to <see cref="GatewayOptions.DrainTimeout"/> for them to go. It stops before
/// the Orleans client or silo does, because it is registered after them.
/// </summary>
internal sealed partial class ConnectionRegistry(
    IHostApplicationLifetime lifetime,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ConversationInstruments instruments,
    ILogger<ConnectionRegistry> logger) : IHostedService
{
    private readonly ConcurrentDictionary<ConversationConnection, byte> _connections = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _draining;

    /// <summary>Whether the gateway is shutting down and refuses new sockets.</summary>
    public bool IsDraining => _draining;

    /// <summary>How many sockets are open.</summary>
    public int Count => _connections.Count;

    /// <summary>The open sockets.</summary>
    public ICollection<ConversationConnection> Connections => _connections.Keys;

    public void Add(ConversationConnection connection) => _connections.TryAdd(connection, 0);

    public void Remove(ConversationConnection connection)
    {
        _connections.TryRemove(connection, out _);

        if (_draining && _connections.IsEmpty)
        {
            _drained.TrySetResult();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(BeginDrain);
        instruments.ObserveConnections(() => _connections.Count);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        BeginDrain();
        if (_connections.IsEmpty)
        {
            return;
        }

        try
        {
            await _drained.Task.WaitAsync(options.Value.DrainTimeout, time, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            foreach (var connection in _connections.Keys)
            {
                connection.Abort();
            }
        }
    }

    private void BeginDrain()
    {
        if (_draining)
        {
            return;
        }

        _draining = true;
        var open = _connections.Keys.ToArray();
        LogDraining(open.Length);
        foreach (var connection in open)
        {
            connection.Drain();
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Shutting down: asking {Connections} connected clients to reconnect elsewhere")]
    private partial void LogDraining(int connections);
}
