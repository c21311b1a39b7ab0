using System.Text;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.IntentEval;

/// <summary>Reads the labelled set: a CSV file with a header and the columns text, state, intent, next_state.</summary>
public static class LabelledSet
{
    /// <summary>The labelled set shipped next to this assembly (<c>tests/data/intents.csv</c>).</summary>
    public static string DefaultPath { get; } = Path.Combine(AppContext.BaseDirectory, "data", "intents.csv");

    /// <summary>Reads every message of the file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<LabelledMessage> Load(string path)
    {
        var states = Enum.GetValues<ConversationState>().ToDictionary(s => s.ToWireName(), StringComparer.Ordinal);
        return File.ReadLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select((line, index) =>
            {
                var fields = Split(line);
                return fields.Count == 4
                    ? new LabelledMessage(fields[0], states[fields[1]], fields[2], states[fields[3]], index % 5 == 4)
                    : throw new FormatException($"{path}:{index + 2}: expected 4 fields, found {fields.Count}.");
            })
            .ToArray();
    }

    // RFC 4180 fields on one line: quoted fields may hold commas and doubled quotes.
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
