namespace Conversations.LoadTest;

/// <summary>Latency samples of one kind, in milliseconds, summarised as percentiles.</summary>
public sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<double> _samples = [];

    /// <summary>Adds a sample.</summary>
    public void Record(TimeSpan latency)
    {
        lock (_lock)
        {
            _samples.Add(latency.TotalMilliseconds);
        }
    }

    /// <summary>Count, p50, p95, p99 and max of the samples so far.</summary>
    public LatencySummary Summarise()
    {
        double[] sorted;
        lock (_lock)
        {
            sorted = [.. _samples];
        }

        Array.Sort(sorted);
        return sorted.Length == 0
            ? new LatencySummary(0, 0, 0, 0, 0)
            : new LatencySummary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1]);
    }

    // Nearest rank: the smallest sample with at least p of the samples at or below it.
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
