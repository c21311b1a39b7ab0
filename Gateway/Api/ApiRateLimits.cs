using System.Threading.RateLimiting;
using Conversations.Gateway.Auth;
using Conversations.Gateway.Hosting;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Telemetry;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Api;

/// <summary>
/// ASP.NET Core's rate limiting on the HTTP API: a token bucket per user (the token's subject, or the
/// client's address when authentication is off), refused with 429 RATE_LIMITED and a Retry-After.
/// </summary>
internal static class ApiRateLimits
{
    public const string Policy = "conversations-api";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, Partition);
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<GatewayOptions>>().CurrentValue;
        var user = http.User.FindFirst(CallerIdentity.SubjectClaim)?.Value;
        // The limits are part of the key: once they change, callers start on fresh buckets with the new ones.
        var key = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{(user is null ? $"address:{http.Connection.RemoteIpAddress}" : $"user:{user}")}|{options.HttpRequestsPerSecond}/{options.HttpRequestBurst}");
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.HttpRequestBurst,
            TokensPerPeriod = options.HttpRequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        http.RequestServices.GetRequiredService<ConversationInstruments>().OnRejected(ErrorCodes.RateLimited);
        http.Response.Headers.RetryAfter = "1";
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<GatewayOptions>>().CurrentValue;
        return new ValueTask(new HttpRefusal(
            StatusCodes.Status429TooManyRequests,
            ErrorCodes.RateLimited,
            $"Too many requests: at most {options.HttpRequestsPerSecond} a second on average (bursts of {options.HttpRequestBurst}). Retry after a second.").WriteAsync(http));
    }
}
