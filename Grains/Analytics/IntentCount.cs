namespace Conversations.Grains.Analytics;

/// <summary>How many turns were classified as one intent, and their share of all turns.</summary>
public sealed record IntentCount(string Intent, long Turns, double Share);
