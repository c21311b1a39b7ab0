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
    private readonly PartitionedRateLimiter<string> _limiter;

    public UpgradeRateLimiter(IOptions<GatewayOptions> options)
    {
        var limits = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.UpgradeBurst,
            TokensPerPeriod = limits.UpgradesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Whether <paramref name="userId"/> may upgrade one more socket now.</summary>
    public bool TryAcquire(string userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
