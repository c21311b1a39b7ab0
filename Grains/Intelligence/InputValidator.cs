using System.Globalization;
using System.Text.RegularExpressions;
using Conversations.Grains.Domain;

namespace Conversations.Grains.Intelligence;

/// <summary>
/// Checks answers to interrupts by the kind of the domain pack's input (<see cref="InputKinds"/>). An e-mail
/// address may come inside a sentence ("sure, it's ana@acme.io"); a count may be a number, a range (the larger end
/// counts), or a number written as a word; a duration "30 minutes" or "an hour"; a time "tomorrow at 3pm"; people
/// names, addresses or a group; money "$25k"; a choice one of the input's values by its words.
/// </summary>
public sealed partial class InputValidator(DomainPackSource packs)
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

    // Words that open a sentence and are not a name.
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "I", "Hi", "Hey", "Hello", "Ok", "Okay", "Sure", "Yes", "Yeah", "No", "Nope", "Hmm", "The", "We", "It", "Just",
        "And", "Me", "My", "Our", "Please", "Invite", "With", "Can", "What", "How", "Let", "Maybe", "Not", "Only",
        "Thanks", "Well", "Um", "Uh", "Sorry", "Who", "Why", "Do", "Is", "Add", "Send", "That", "This", "Also",
    };

    private static readonly string[] Groups =
    [
        "team", "everyone", "everybody", "colleague", "colleagues", "manager", "client", "clients", "boss", "department",
        "sales", "marketing", "design", "engineering", "board", "candidate", "customer", "partner", "staff", "all hands", "guest", "guests", "someone",
    ];

    /// <summary>A validator over the shipped DM sales pack's inputs.</summary>
    public InputValidator()
        : this(new DomainPackSource(DomainPackSource.Default))
    {
    }

    /// <summary>Checks <paramref name="text"/> as an answer to the pack's input <paramref name="expectedInput"/>.</summary>
    public InputAnswer Validate(string expectedInput, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var input = packs.Current.Input(expectedInput);
        return (input?.Kind ?? expectedInput) switch
        {
            InputKinds.Email => Email(text),
            InputKinds.Count or ExpectedInputs.TeamSize => TeamSize(text),
            InputKinds.Duration => Duration(text),
            InputKinds.Time => Time(text),
            InputKinds.People => People(text),
            InputKinds.Money => Money(text),
            InputKinds.Choice => Choice(text, input!.Choices),
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

    private static InputAnswer Duration(string text)
    {
        var lower = text.ToLowerInvariant().Replace('-', ' ');
        var normalized = TextNormalizer.Normalize(lower);
        double? minutes = null;
        var match = DurationPattern().Match(lower);
        if (TextNormalizer.ContainsPhrase(normalized, "half an hour") || TextNormalizer.ContainsPhrase(normalized, "half hour"))
        {
            minutes = 30;
        }
        else if (TextNormalizer.ContainsPhrase(normalized, "quarter of an hour"))
        {
            minutes = 15;
        }
        else if (match.Success)
        {
            var amount = match.Groups["n"].Value;
            var value = double.TryParse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n
                : amount is "an" or "a" or "one" ? 1
                : amount == "forty five" ? 45
                : NumberWords.GetValueOrDefault(amount);
            minutes = match.Groups["unit"].Value.StartsWith('h') ? value * 60 : value;
            if (match.Groups["half"].Success)
            {
                minutes += 30;
            }
        }

        if (minutes is not (> 0 and <= 12 * 60))
        {
            return InputAnswer.Invalid;
        }

        var total = (int)Math.Round(minutes.Value);
        return new InputAnswer(true, total % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{total / 60} hour{(total == 60 ? string.Empty : "s")}")
            : string.Create(CultureInfo.InvariantCulture, $"{total} minutes"));
    }

    private static InputAnswer Time(string text)
    {
        var day = DayPattern().Match(text);
        var clock = ClockPattern().Match(text);
        if (!day.Success && !clock.Success)
        {
            return InputAnswer.Invalid;
        }

        var dayText = day.Success ? DayName(day.Value.Trim()) : null;
        var clockText = clock.Success ? clock.Value.Trim().ToLowerInvariant() : null;
        var value = (dayText, clockText) switch
        {
            (null, _) => "at " + clockText,
            (_, null) => dayText,
            (_, "morning" or "afternoon" or "evening") => $"{dayText} {clockText}",
            _ => $"{dayText} at {clockText}",
        };
        return new InputAnswer(true, value);
    }

    // "next monday" as "next Monday"; "tomorrow" stays lower case.
    private static string DayName(string day)
    {
        var words = day.ToLowerInvariant().Split(' ');
        var last = words[^1];
        if (last is not ("today" or "tonight" or "tomorrow" or "week" or "weekend"))
        {
            words[^1] = char.ToUpperInvariant(last[0]) + last[1..];
        }

        return string.Join(' ', words);
    }

    private static InputAnswer People(string text)
    {
        var trimmed = text.Trim().TrimEnd('.', '!');
        if (trimmed.Length == 0 || trimmed.EndsWith('?'))
        {
            return InputAnswer.Invalid;
        }

        var normalized = TextNormalizer.Normalize(trimmed);
        var named = EmailPattern().IsMatch(trimmed)
            || NamePattern().Matches(trimmed).Any(m => !NotNames.Contains(m.Value))
            || Groups.Any(g => TextNormalizer.ContainsPhrase(normalized, g));
        if (!named)
        {
            return InputAnswer.Invalid;
        }

        var value = LeadPattern().Replace(trimmed, string.Empty);
        if (value.Length == 0)
        {
            return InputAnswer.Invalid;
        }

        var first = value.Split(' ')[0];
        if (first != "I" && NotNames.Contains(first))
        {
            // "My team" read back inside a sentence: "I'll invite my team".
            value = char.ToLowerInvariant(value[0]) + value[1..];
        }

        return new InputAnswer(true, value.Length > 120 ? value[..120] : value);
    }

    private static InputAnswer Money(string text)
    {
        var match = MoneyPattern().Match(text);
        if (!match.Success)
        {
            return InputAnswer.Invalid;
        }

        var amount = decimal.TryParse(match.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : 0;
        if (match.Groups["k"].Success)
        {
            amount *= 1000;
        }

        var currency = match.Groups["c"].Success ? match.Groups["c"].Value : "$";
        var stated = match.Groups["c"].Success || match.Groups["k"].Success || match.Groups["word"].Success || amount >= 1000;
        return stated && amount > 0
            ? new InputAnswer(true, currency + amount.ToString("N0", CultureInfo.InvariantCulture))
            : InputAnswer.Invalid;
    }

    private static InputAnswer Choice(string text, DomainChoice[] choices)
    {
        var normalized = TextNormalizer.Normalize(text.Replace("-", " ", StringComparison.Ordinal));
        var choice = choices.FirstOrDefault(c => c.Cues.Any(cue => TextNormalizer.ContainsPhrase(normalized, cue)));
        return choice is null ? InputAnswer.Invalid : new InputAnswer(true, choice.Value);
    }

    [GeneratedRegex(@"\b(?:(?<n>\d+(?:\.\d+)?) ?(?<unit>hours?|hrs?|h|minutes?|mins?|m)|(?<n>an|a|one|two|three|four|five|ten|fifteen|twenty|thirty|forty five|forty|fifty) (?<unit>hours?|hrs?|minutes?|mins?))(?: (?<half>and a half))?\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"\b(?:(?:next|this) )?(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|week|weekend)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex DayPattern();

    [GeneratedRegex(@"\b(?:\d{1,2}(?::\d{2})? ?(?:am|pm)|\d{1,2}:\d{2}|noon|midday|morning|afternoon|evening)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"\b[A-Z][a-z]+\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(?:(?:ok|okay|sure|yes|yeah|so|well|please|just|invite|add|with|it's|its|it is|it will be|that's|that is)[,:]?\s+)+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex LeadPattern();

    [GeneratedRegex(@"(?<c>\$|€|£)?\s?(?<n>\d[\d,]*(?:\.\d+)?)\s?(?<k>k\b|thousand)?(?:\s?(?<word>dollars|euros|pounds|bucks))?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex MoneyPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\d{1,7}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NumberPattern();
}
