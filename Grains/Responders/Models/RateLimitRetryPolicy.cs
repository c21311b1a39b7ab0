using System.ClientModel.Primitives;
using System.Globalization;

namespace Conversations.Grains.Responders.Models;

/// <summary>
/// The client pipeline's retry policy, narrowed to rate limiting: only 429 is sent again, after the wait
/// the server asks for (<c>retry-after-ms</c> or <c>Retry-After</c>). Other failures go straight to the
/// fallback, since a retry would only spend the reply's deadline. The wait is cancelled with the request,
/// so retries never outlive the deadlines.
/// </summary>
public sealed class RateLimitRetryPolicy(int maxRetries) : ClientRetryPolicy(maxRetries)
{
    private const int TooManyRequests = 429;

    /// <inheritdoc />
    protected override bool ShouldRetry(PipelineMessage message, Exception? exception) =>
        IsRateLimited(message, exception) && base.ShouldRetry(message, exception);

    /// <inheritdoc />
    protected override async ValueTask<bool> ShouldRetryAsync(PipelineMessage message, Exception? exception) =>
        IsRateLimited(message, exception) && await base.ShouldRetryAsync(message, exception).ConfigureAwait(false);

    /// <inheritdoc />
    protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = message.Response?.Headers;
        if (headers is not null)
        {
            if (headers.TryGetValue("retry-after-ms", out var ms)
                && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }

            if (headers.TryGetValue("Retry-After", out var after))
            {
                if (double.TryParse(after, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    return TimeSpan.FromSeconds(seconds);
                }

                if (DateTimeOffset.TryParse(after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    var wait = at - DateTimeOffset.UtcNow;
                    return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
                }
            }
        }

        return base.GetNextDelay(message, tryCount);
    }

    private static bool IsRateLimited(PipelineMessage message, Exception? exception) =>
        exception is null && message.Response?.Status == TooManyRequests;
}
