using System.Globalization;

namespace Conversations.LoadTest;

/// <summary>Something done to the servers during a run (a process killed, paused, restarted), named and timed.</summary>
/// <param name="Name">What was done, e.g. <c>silo1-sigkill</c>.</param>
/// <param name="AtUnixMs">When, in milliseconds since the Unix epoch (as <c>date +%s%3N</c> prints it).</param>
public sealed record LoadEvent(string Name, long AtUnixMs)
{
    /// <summary>
    /// Reads an events file: one event a line, <c>unix_ms name</c>; blank lines and lines starting with <c>#</c>
    /// are skipped, and so are lines that do not start with a number.
    /// </summary>
    public static IReadOnlyList<LoadEvent> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var events = new List<LoadEvent>();
        foreach (var line in File.ReadAllLines(path))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var parts = trimmed.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at))
            {
                events.Add(new LoadEvent(parts.Length > 1 ? parts[1] : "event", at));
            }
        }

        return events;
    }
}
