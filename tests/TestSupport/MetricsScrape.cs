using System.Globalization;

namespace Conversations.Tests.Support;

/// <summary>One Prometheus text exposition, read into samples that tests can sum.</summary>
public sealed class MetricsScrape
{
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    private MetricsScrape(string text)
    {
        Text = text;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            string name, labels, rest;
            if (brace >= 0 && brace < space)
            {
                var close = line.LastIndexOf('}');
                name = line[..brace];
                labels = line[(brace + 1)..close];
                rest = line[(close + 1)..].Trim();
            }
            else
            {
                name = line[..space];
                labels = string.Empty;
                rest = line[(space + 1)..].Trim();
            }

            var value = rest.Split(' ')[0];
            _samples.Add((name, labels, value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                _ => double.Parse(value, CultureInfo.InvariantCulture),
            }));
        }
    }

    /// <summary>The exposition as served.</summary>
    public string Text { get; }

    public static async Task<MetricsScrape> ReadAsync(HttpClient http, string path = "/metrics")
    {
        var text = await http.GetStringAsync(new Uri(path, UriKind.Relative));
        return new MetricsScrape(text);
    }

    /// <summary>Whether a sample of this name is present.</summary>
    public bool Has(string name) => _samples.Exists(s => s.Name == name);

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include every one given (<c>type="ack"</c>).</summary>
    public double Sum(string name, params string[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.Contains(l, StringComparison.Ordinal))).Sum(s => s.Value);
}
