using System.Globalization;
using System.Text.RegularExpressions;
using Conversations.Grains.Domain;

namespace Conversations.Grains.Intelligence;

/// <summary>
/// Picks up what a user says about themselves in passing, so that replies can use it and nobody is asked twice:
/// the team size ("a team of 6", "12 agents", "just me and my partner"), what they need it for (the first of the
/// domain pack's needs they name), and a budget ("under $100 a month").
/// </summary>
public sealed partial class SlotExtractor(DomainPackSource packs)
{
    private static readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal)
    {
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
        ["fifteen"] = 15,
        ["twenty"] = 20,
        ["thirty"] = 30,
    };

    /// <summary>An extractor with the shipped DM sales pack's needs.</summary>
    public SlotExtractor()
        : this(new DomainPackSource(DomainPackSource.Default))
    {
    }

    /// <summary>The signals with whatever <paramref name="text"/> tells added; what is already known stays unless the user gives a new team size.</summary>
    public ConversationSignals Extract(string text, ConversationSignals signals)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signals);
        var normalized = TextNormalizer.Normalize(text.Replace("-", " ", StringComparison.Ordinal).Replace("e mail", "email", StringComparison.Ordinal));
        return signals with
        {
            TeamSize = TeamSize(normalized) ?? signals.TeamSize,
            Need = signals.Need ?? Need(normalized, packs.Current.Slots.Needs),
            Budget = signals.Budget ?? Budget(text),
        };
    }

    // What the product is for, as the pack's needs name it; the first need of the pack's list that is named counts.
    private static string? Need(string normalized, DomainChoice[] needs) =>
        needs.FirstOrDefault(n => n.Cues.Any(c => TextNormalizer.ContainsPhrase(normalized, c)))?.Value;

    private static int? TeamSize(string normalized)
    {
        var match = SizePattern().Match(normalized);
        if (match.Success)
        {
            var value = match.Groups["n"].Value;
            var size = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : Numbers.GetValueOrDefault(value);
            if (size is > 0 and <= 100_000)
            {
                return size + (match.Groups["plus"].Success ? 1 : 0);
            }
        }

        return MePattern().IsMatch(normalized) ? 2 : JustMePattern().IsMatch(normalized) ? 1 : null;
    }

    private static string? Budget(string text)
    {
        var match = BudgetPattern().Match(text);
        return match.Success ? match.Value.Trim() : null;
    }

    [GeneratedRegex(@" (?:team of|we're|we are|were|we r|it's|its|there are|about|around|only|just|of us|for) ?(?<plus>me and )?(?<n>\d{1,6}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)(?: of us)?(?: |$)|(?<plus>me and )(?<n>\d{1,6}|two|three|four|five|six|seven|eight|nine|ten) |(?<n>\d{1,6}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty) (?:people|person|ppl|agents|users|seats|staff|employees|colleagues|reps|volunteers|receptionists|stylists|of us|licenses|licences|part timers)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex SizePattern();

    [GeneratedRegex(@" me and (?:my|a) (?:partner|sister|brother|cofounder|co founder|wife|husband|colleague|friend|assistant) ", RegexOptions.CultureInvariant, 200)]
    private static partial Regex MePattern();

    [GeneratedRegex(@" just me | only me | i'm alone | on my own ", RegexOptions.CultureInvariant, 200)]
    private static partial Regex JustMePattern();

    [GeneratedRegex(@"(?:under|below|less than|around|about|max|up to)?\s*(?:\$|€|£)\s?\d[\d,.]*(?:\s*(?:a|per|/)\s*(?:month|mo|year|seat|user))?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex BudgetPattern();
}
