using System.Globalization;
using System.Text.RegularExpressions;

namespace Conversations.Grains.Intelligence;

/// <summary>
/// Checks answers to interrupts. An e-mail address may come inside a sentence ("sure, it's ana@acme.io");
/// a team size may be a number, a range (the larger end counts), or a number written as a word.
/// </summary>
public sealed partial class InputValidator
{
    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["dozen"] = 12,
        ["fifteen"] = 15,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["hundred"] = 100,
    };

    /// <summary>Checks <paramref name="text"/> as an answer of the kind <paramref name="expectedInput"/>.</summary>
    public InputAnswer Validate(string expectedInput, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return expectedInput switch
        {
            ExpectedInputs.Email => Email(text),
            ExpectedInputs.TeamSize => TeamSize(text),
            _ => InputAnswer.Invalid,
        };
    }

    private static InputAnswer Email(string text)
    {
        var match = EmailPattern().Match(text);
        return match.Success ? new InputAnswer(true, match.Value.ToLowerInvariant()) : InputAnswer.Invalid;
    }

    private static InputAnswer TeamSize(string text)
    {
        var numbers = NumberPattern().Matches(text)
            .Select(m => int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Concat(TextNormalizer.Normalize(text).Split(' ').Select(w => NumberWords.GetValueOrDefault(w)))
            .Where(n => n > 0)
            .ToArray();
        return numbers.Length > 0 && numbers.Max() is var size and <= 1_000_000
            ? new InputAnswer(true, size.ToString(CultureInfo.InvariantCulture))
            : InputAnswer.Invalid;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\d{1,7}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NumberPattern();
}
