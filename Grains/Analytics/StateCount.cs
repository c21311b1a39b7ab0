namespace Conversations.Grains.Analytics;

/// <summary>How many conversations reached a state (were in it before or after some turn).</summary>
public sealed record StateCount(string State, long Conversations);
