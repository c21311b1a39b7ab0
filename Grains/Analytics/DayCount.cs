namespace Conversations.Grains.Analytics;

/// <summary>Turns and conversations of one UTC day.</summary>
public sealed record DayCount(DateOnly Day, long Turns, long Conversations);
