using System.Net.WebSockets;
using System.Threading.RateLimiting;
using Conversations.Gateway.Hosting;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.WebSockets;

/// <summary>
/// Checks each message a client sends before anything acts on it: its size (an oversized frame is refused,
/// and after <see cref="GatewayOptions.OversizeWarnings"/> the socket is closed with 1009), its kind (text
/// only), its rate (a token bucket per socket; past the burst <c>RATE_LIMITED</c>, and past
/// <see cref="GatewayOptions.RateLimitStrikes"/> the socket is closed with 1008), and its shape (parsed by
/// <see cref="InboundFrameParser"/>). No I/O: the connection sends what it is told to.
/// </summary>
internal sealed class InboundGuard : IDisposable
{
    private readonly GatewayOptions _options;
    private readonly FrameParse _parse;
    private readonly TokenBucketRateLimiter _rateLimit;
    private int _oversizeFrames;
    private int _rateLimitStrikes;

    public InboundGuard(GatewayOptions options, InboundFrameParser parser)
        : this(options, parser.Parse)
    {
    }

    /// <param name="options">The limits.</param>
    /// <param name="parse">How the shape of a frame is checked (the socket's dialect).</param>
    public InboundGuard(GatewayOptions options, FrameParse parse)
    {
        _options = options;
        _parse = parse;

        // Replenished on use rather than by a timer, so that an idle socket holds no timer for it.
        _rateLimit = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.MessageBurst,
            TokensPerPeriod = options.MessagesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            AutoReplenishment = false,
            QueueLimit = 0,
        });
    }

    /// <summary>
    /// Judges one whole message: <paramref name="size"/> bytes, of which <paramref name="message"/> holds
    /// the first (all of them unless it is over the limit).
    /// </summary>
    public GuardVerdict Inspect(ReadOnlySpan<byte> message, long size, bool binary)
    {
        var limit = _options.MaxFrameBytes;
        InboundFrame frame;
        if (size > limit)
        {
            frame = InboundFrame.TooLarge(
                $"The frame is {size} bytes; at most {limit} are allowed. It was discarded; repeated oversized frames close the connection.",
                "frame",
                limit);
            if (++_oversizeFrames > _options.OversizeWarnings)
            {
                return new GuardVerdict(
                    GuardAction.Close,
                    Error: new GuardError(ErrorCodes.MessageTooLarge, $"The frame is {size} bytes; at most {limit} are allowed. Closing the connection after repeated oversized frames.", false, "frame", limit),
                    CloseStatus: WebSocketCloseStatus.MessageTooBig,
                    CloseReason: "frames over the size limit");
            }
        }
        else
        {
            frame = binary ? InboundFrame.Invalid("Binary frames are not accepted; send UTF-8 JSON text frames.") : _parse(message);
        }

        // Every frame, valid or not, spends a token. A refused frame is not stored; the client may send it again.
        _rateLimit.TryReplenish();
        using var lease = _rateLimit.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return new GuardVerdict(GuardAction.Handle, frame);
        }

        if (++_rateLimitStrikes > _options.RateLimitStrikes)
        {
            return new GuardVerdict(GuardAction.Close, CloseStatus: WebSocketCloseStatus.PolicyViolation, CloseReason: "rate limit exceeded");
        }

        return new GuardVerdict(GuardAction.Refuse, Error: new GuardError(
            ErrorCodes.RateLimited,
            $"More than {_options.MessagesPerSecond} frames a second (bursts of {_options.MessageBurst}): this frame was dropped and nothing was stored. Slow down and send it again.",
            true,
            Limit: _options.MessagesPerSecond));
    }

    /// <summary>How many frames were refused over the rate limit so far.</summary>
    public int RateLimitStrikes => _rateLimitStrikes;

    public void Dispose() => _rateLimit.Dispose();
}
