using System.Text;

namespace Conversations.Grains.Intelligence;

/// <summary>Text as the rule-based classes match it: lower case words between single spaces.</summary>
public static class TextNormalizer
{
    /// <summary>
    /// Lower case; apostrophes (straight or curly) and <c>$</c> kept; anything else that is not a letter or
    /// digit becomes one space; padded with spaces so that phrases match on word boundaries.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 2).Append(' ');
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '$')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '\u2019')
            {
                builder.Append('\'');
            }
            else if (builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder[^1] == ' ' ? builder.ToString() : builder.Append(' ').ToString();
    }

    /// <summary>Whether <paramref name="normalized"/> holds <paramref name="phrase"/> as whole words.</summary>
    public static bool ContainsPhrase(string normalized, string phrase)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        ArgumentNullException.ThrowIfNull(phrase);
        return phrase == "$"
            ? normalized.Contains('$', StringComparison.Ordinal)
            : normalized.Contains($" {phrase} ", StringComparison.Ordinal);
    }
}
