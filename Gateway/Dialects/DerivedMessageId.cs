using System.Security.Cryptography;
using System.Text;

namespace Conversations.Gateway.Dialects;

/// <summary>
/// Message ids for dialects whose clients send none: the same frame always gets the same id (so that a resent
/// frame finds its turn instead of making a second one), or, when nothing in the frame tells two sends apart, a
/// new id each time.
/// </summary>
internal static class DerivedMessageId
{
    /// <summary><paramref name="prefix"/> and 40 hex digits of a hash of <paramref name="parts"/>: at most 64 characters with a short prefix.</summary>
    public static string From(string prefix, params ReadOnlySpan<string> parts)
    {
        // Each part's length goes first, so that no two lists of parts hash the same text.
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.Length).Append(':').Append(part);
        }

        return string.Concat(prefix, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..40]);
    }

    /// <summary>A new id: the frame makes a new turn.</summary>
    public static string Fresh(string prefix) => $"{prefix}{Guid.NewGuid():N}";
}
