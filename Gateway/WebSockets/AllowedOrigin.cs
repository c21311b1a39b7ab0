namespace Conversations.Gateway.WebSockets;

/// <summary>A web origin as a browser sends it in <c>Origin</c>: scheme, host and port, nothing else.</summary>
/// <param name="Scheme">http or https, lower case.</param>
/// <param name="Host">The host, lower case.</param>
/// <param name="Port">The port, explicit or the scheme's default.</param>
public sealed record AllowedOrigin(string Scheme, string Host, int Port)
{
    /// <summary>Reads <c>scheme://host[:port]</c>; anything with a path, query or user is not an origin.</summary>
    public static bool TryParse(string? text, out AllowedOrigin? origin)
    {
        origin = null;
        if (string.IsNullOrWhiteSpace(text)
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0
            || uri.AbsolutePath != "/"
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0)
        {
            return false;
        }

        origin = new AllowedOrigin(uri.Scheme, uri.IdnHost.ToLowerInvariant(), uri.Port);
        return true;
    }

    /// <summary>Whether this origin names the host (and port) a request was sent to, as its <c>Host</c> header says.</summary>
    public bool IsHost(HostString requestHost)
    {
        if (!requestHost.HasValue)
        {
            return false;
        }

        var host = requestHost.Host.Trim('[', ']');
        var port = requestHost.Port ?? (Scheme == "https" ? 443 : 80);
        return string.Equals(host, Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase) && port == Port;
    }
}
