namespace Conversations.LoadTest;

/// <summary>Percentiles of one latency, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max);
