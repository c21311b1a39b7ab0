using Conversations.Grains.Interfaces.Model;

namespace Conversations.IntentEval;

/// <summary>Reads <c>tests/data/journeys*.txt</c> (the header of <c>journeys.txt</c> says how they are written).</summary>
public static class JourneySet
{
    /// <summary>The journeys shipped next to this assembly, for the DM sales pack.</summary>
    public static string DefaultPath { get; } = Path.Combine(AppContext.BaseDirectory, "data", "journeys.txt");

    /// <summary>The journeys of the shipped pack <paramref name="domain"/>: <c>journeys.txt</c> for DM sales, <c>journeys-NAME.txt</c> for the others.</summary>
    public static string PathFor(string domain) => domain == Grains.Domain.DomainOptions.DefaultDomain
        ? DefaultPath
        : Path.Combine(AppContext.BaseDirectory, "data", $"journeys-{domain}.txt");

    /// <summary>Every journey of the file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<Journey> Load(string path)
    {
        var states = Enum.GetValues<ConversationState>().ToDictionary(s => s.ToWireName(), StringComparer.Ordinal);
        var journeys = new List<Journey>();
        string? name = null, description = null, userName = null;
        var turns = new List<JourneyTurn>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("==", StringComparison.Ordinal))
            {
                Flush();
                var header = line[2..].Trim();
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                name = colon < 0 ? header : header[..colon].Trim();
                description = colon < 0 ? string.Empty : header[(colon + 1)..].Trim();
                var asAt = description.LastIndexOf(" as ", StringComparison.Ordinal);
                userName = asAt < 0 ? null : description[(asAt + 4)..].Trim();
                continue;
            }

            var fields = line.Split('|', StringSplitOptions.TrimEntries);
            if (name is null || fields.Length != 3 || !states.TryGetValue(fields[2], out var state))
            {
                throw new FormatException($"{path}:{number}: expected 'text | intent | state' inside a journey.");
            }

            turns.Add(new JourneyTurn(fields[0], fields[1], state));
        }

        Flush();
        return journeys;

        void Flush()
        {
            if (name is not null)
            {
                journeys.Add(new Journey(name, description ?? string.Empty, userName, turns.ToArray()));
            }

            turns.Clear();
        }
    }
}
