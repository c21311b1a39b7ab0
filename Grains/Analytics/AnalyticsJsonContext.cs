using System.Text.Json.Serialization;

namespace Conversations.Grains.Analytics;

/// <summary>Source-generated JSON (snake_case) for the analytics responses.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AnalyticsSummary))]
[JsonSerializable(typeof(AnalyticsPage<DayCount>))]
[JsonSerializable(typeof(AnalyticsPage<IntentCount>))]
[JsonSerializable(typeof(IReadOnlyList<StateCount>))]
public sealed partial class AnalyticsJsonContext : JsonSerializerContext;
