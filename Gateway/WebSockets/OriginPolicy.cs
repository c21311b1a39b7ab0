using System.Net;
using Conversations.Gateway.Auth;
using Conversations.Gateway.Hosting;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.WebSockets;

/// <summary>
/// Which web pages may use the gateway through a visitor's browser. A WebSocket upgrade that carries an
/// <c>Origin</c> must come from the gateway's own origin or one of <see cref="GatewayOptions.AllowedOrigins"/>
/// (browsers send <c>Origin</c> on every WebSocket and do not apply CORS to them, so without this check any
/// site could open a socket with the visitor's cookies or network position). With authentication off, every
/// request must also be addressed to an IP address, <c>localhost</c> or an allowed origin's host: a page that
/// rebinds its own DNS name to the gateway's address is then refused, since it is same-origin with itself.
/// </summary>
internal sealed class OriginPolicy
{
    private readonly AllowedOrigin[] _allowed;
    private readonly bool _authenticated;

    public OriginPolicy(IOptions<GatewayOptions> options, CallerIdentity identity)
    {
        _allowed = options.Value.AllowedOrigins
            .Select(text => AllowedOrigin.TryParse(text, out var origin) ? origin! : throw new OptionsValidationException(GatewayOptions.SectionName, typeof(GatewayOptions), [$"{GatewayOptions.SectionName}:AllowedOrigins has '{text}', which is not an origin."]))
            .ToArray();
        _authenticated = identity.Enabled;
    }

    /// <summary>The refusal of a WebSocket upgrade from a page of another origin, or <see langword="null"/>.</summary>
    public HttpRefusal? CheckUpgrade(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Origin.ToString();
        if (header.Length == 0)
        {
            // Not a browser: Origin is a browser's statement about the page, and a program has no page.
            return null;
        }

        if (AllowedOrigin.TryParse(header, out var origin)
            && (origin!.IsHost(request.Host) || _allowed.Contains(origin)))
        {
            return null;
        }

        return new HttpRefusal(
            StatusCodes.Status403Forbidden,
            ErrorCodes.Unauthorized,
            $"WebSockets from pages of origin '{header}' are not allowed here; only this gateway's own origin and those in {GatewayOptions.SectionName}:AllowedOrigins are.");
    }

    /// <summary>
    /// With authentication off, the refusal of a request addressed to a host name that is neither
    /// <c>localhost</c> nor an allowed origin's host; <see langword="null"/> otherwise.
    /// </summary>
    public HttpRefusal? CheckHost(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_authenticated || !request.Host.HasValue)
        {
            return null;
        }

        var host = request.Host.Host.Trim('[', ']');
        if (IPAddress.TryParse(host, out _)
            || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || _allowed.Any(o => string.Equals(o.Host.Trim('[', ']'), host, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return new HttpRefusal(
            StatusCodes.Status403Forbidden,
            ErrorCodes.Unauthorized,
            $"Authentication is off, so this gateway answers only requests addressed to an IP address or localhost, not '{host}'; add the origin to {GatewayOptions.SectionName}:AllowedOrigins to allow it.");
    }
}
