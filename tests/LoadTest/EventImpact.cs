namespace Conversations.LoadTest;

/// <summary>What one event did to the turns that were in flight when it happened.</summary>
/// <param name="Name">The event, as named in the events file.</param>
/// <param name="AtSeconds">When it happened, in seconds from the first turn of the run.</param>
/// <param name="TurnsInFlight">Turns started and not yet answered at that moment.</param>
/// <param name="TurnsNotCompleted">Of those, turns never answered by the end of the run.</param>
/// <param name="FirstFrameMs">From the event to the first new log frame of each turn in flight (its next ack, delta or reply).</param>
/// <param name="ReplyMs">From the event to each turn's <c>assistant_message</c>.</param>
public sealed record EventImpact(string Name, double AtSeconds, int TurnsInFlight, int TurnsNotCompleted, LatencySummary FirstFrameMs, LatencySummary ReplyMs);
