using Conversations.Gateway.Hosting;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.WebSockets;

/// <summary>
/// Asks the cluster, a few times per <see cref="GatewayOptions.ClusterUnreachableTimeout"/>, whether it
/// answers. When it has not answered for that long, this gateway's sockets are useless (nothing they send
/// can be stored, nothing comes back), however well the gateway itself answers pings: each is told to
/// reconnect elsewhere (<c>system/reconnect</c>, cause <c>cluster_unreachable</c>) and closed with 1012, so
/// that clients move to a gateway that still reaches the cluster. Sockets accepted during the outage get
/// the same.
/// </summary>
internal sealed partial class ClusterWatch(
    IGrainFactory grains,
    ConnectionRegistry connections,
    ClusterStatus status,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<ClusterWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timeout = options.Value.ClusterUnreachableTimeout;
        var period = TimeSpan.FromTicks(Math.Max(timeout.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks));
        var probeTimeout = TimeSpan.FromTicks(Math.Min(period.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        long? unreachableSince = null;
        using var timer = new PeriodicTimer(period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var answered = await AnswersAsync(probeTimeout, stoppingToken);
            status.Probed(answered);
            if (answered)
            {
                if (unreachableSince is { } since)
                {
                    var outage = time.GetElapsedTime(since);
                    LogReachableAgain(outage);
                }

                unreachableSince = null;
                continue;
            }

            unreachableSince ??= time.GetTimestamp();
            if (time.GetElapsedTime(unreachableSince.Value) < timeout || connections.IsDraining)
            {
                continue;
            }

            var open = connections.Connections.ToArray();
            if (open.Length > 0)
            {
                var outage = time.GetElapsedTime(unreachableSince.Value);
                LogSendingAway(open.Length, outage);
            }

            foreach (var connection in open)
            {
                connection.Drain(ReconnectCauses.ClusterUnreachable, "This node cannot reach the conversations just now; reconnect with last_seq, another node will serve you.");
            }
        }
    }

    private async Task<bool> AnswersAsync(TimeSpan probeTimeout, CancellationToken cancellationToken)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).WaitAsync(probeTimeout, time, cancellationToken);
            return hosts.Count > 0;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "The cluster has not answered for {Duration}: asking {Connections} connected clients to reconnect elsewhere")]
    private partial void LogSendingAway(int connections, TimeSpan duration);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "The cluster answers again after {Duration}")]
    private partial void LogReachableAgain(TimeSpan duration);
}
