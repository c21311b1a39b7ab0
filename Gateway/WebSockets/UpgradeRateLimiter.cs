using System.Threading.RateLimiting;
using Conversations.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.WebSockets;

/// <summary>
/// A token bucket per user on WebSocket upgrades (<see cref="GatewayOptions.UpgradesPerSecond"/>,
/// <see cref="GatewayOptions.UpgradeBurst"/>), taken before an upgrade touches any conversation.
/// </summary>
internal sealed class UpgradeRateLimiter : IDisposable
{
    private readonly IOptionsMonitor<GatewayOptions> _options;

    // A bucket per user and limits: once the limits change, users start on fresh buckets with the new ones.
    private readonly PartitionedRateLimiter<(string User, int PerSecond, int Burst)> _limiter;

    public UpgradeRateLimiter(IOptionsMonitor<GatewayOptions> options)
    {
        _options = options;
        _limiter = PartitionedRateLimiter.Create<(string User, int PerSecond, int Burst), (string, int, int)>(key => RateLimitPartition.GetTokenBucketLimiter(key, k => new TokenBucketRateLimiterOptions
        {
            TokenLimit = k.Item3,
            TokensPerPeriod = k.Item2,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Whether <paramref name="userId"/> may upgrade one more socket now.</summary>
    public bool TryAcquire(string userId)
    {
        var limits = _options.CurrentValue;
        using var lease = _limiter.AttemptAcquire((userId, limits.UpgradesPerSecond, limits.UpgradeBurst));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
