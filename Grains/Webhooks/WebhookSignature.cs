using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Conversations.Grains.Webhooks;

/// <summary>
/// The signature of a webhook request: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where the hex is the
/// lower-case HMAC-SHA256, keyed with the endpoint's secret (UTF-8), of the timestamp's digits, a dot and the
/// body's bytes exactly as received. A receiver recomputes it and compares in constant time, and refuses a
/// timestamp too far from its clock, so that a captured request cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="unixSeconds"/>.</summary>
    public static string Create(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Hash(secret, unixSeconds, body))}";
    }

    /// <summary>
    /// Whether <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> at a time
    /// within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string? header, string secret, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (header is null)
        {
            return false;
        }

        long? timestamp = null;
        byte[]? signature = null;
        foreach (var part in header.Split(','))
        {
            var pair = part.Trim();
            if (pair.StartsWith("t=", StringComparison.Ordinal) &&
                long.TryParse(pair.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (pair.StartsWith("v1=", StringComparison.Ordinal) && pair.Length == 3 + 64)
            {
                try
                {
                    signature = Convert.FromHexString(pair.AsSpan(3));
                }
                catch (FormatException)
                {
                    return false;
                }
            }
        }

        if (timestamp is not { } seconds || signature is null)
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age.Duration() <= tolerance && CryptographicOperations.FixedTimeEquals(signature, Hash(secret, seconds, body));
    }

    private static byte[] Hash(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
