using System.Globalization;
using System.Security.Claims;

namespace Conversations.Gateway.Auth;

/// <summary>When the token a request was authenticated with expires, from its <c>exp</c> claim.</summary>
public static class TokenExpiry
{
    /// <summary>The JWT claim of the expiry, in seconds since 1970.</summary>
    public const string ExpiresClaim = "exp";

    /// <summary>The expiry of <paramref name="user"/>'s token, or <see langword="null"/> when it has none.</summary>
    public static DateTimeOffset? Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return long.TryParse(user.FindFirst(ExpiresClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }
}
