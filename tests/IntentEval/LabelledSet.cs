using System.Text;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.IntentEval;

/// <summary>
/// Reads a labelled set: a CSV file with a header and the columns text, state, intent, next_state. Three ship
/// next to this assembly: the training set (<c>tests/data/intents.csv</c>), the fixed test split that nothing is
/// trained or tuned on (<c>intents-test.csv</c>), and the fresh set written in other words after the cues were
/// tuned (<c>intents-fresh.csv</c>), which nothing is trained on either.
/// </summary>
public static class LabelledSet
{
    /// <summary>The training set.</summary>
    public static string DefaultPath { get; } = Path.Combine(AppContext.BaseDirectory, "data", "intents.csv");

    /// <summary>The test split.</summary>
    public static string TestPath { get; } = Path.Combine(AppContext.BaseDirectory, "data", "intents-test.csv");

    /// <summary>The fresh set.</summary>
    public static string FreshPath { get; } = Path.Combine(AppContext.BaseDirectory, "data", "intents-fresh.csv");

    /// <summary>Reads every message of the file at <paramref name="path"/>; messages of the test split and the fresh set are held out.</summary>
    public static IReadOnlyList<LabelledMessage> Load(string path) =>
        Load(path, Path.GetFileName(path) is "intents-test.csv" or "intents-fresh.csv");

    /// <summary>Reads every message of the file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<LabelledMessage> Load(string path, bool heldOut)
    {
        var states = Enum.GetValues<ConversationState>().ToDictionary(s => s.ToWireName(), StringComparer.Ordinal);
        return File.ReadLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select((line, index) =>
            {
                var fields = Split(line);
                return fields.Count == 4
                    ? new LabelledMessage(fields[0], states[fields[1]], fields[2], states[fields[3]], heldOut)
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
