using System.Diagnostics;

namespace Conversations.LoadTest;

/// <summary>Finds, for each event, the turns in flight at that moment and how long they waited afterwards.</summary>
public sealed class EventAttribution
{
    private readonly long _anchorUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly long _anchorTimestamp = Stopwatch.GetTimestamp();

    /// <summary>The <see cref="Stopwatch"/> timestamp of a moment given in Unix milliseconds.</summary>
    public long ToTimestamp(long unixMs) => _anchorTimestamp + ((unixMs - _anchorUnixMs) * Stopwatch.Frequency / 1000);

    /// <summary>The impact of each event on the connections' turns; <paramref name="runStart"/> is the first turn's timestamp.</summary>
    public IReadOnlyList<EventImpact> Attribute(IReadOnlyList<LoadEvent> events, IReadOnlyList<ConnectionTimeline> timelines, long runStart)
    {
        var impacts = new List<EventImpact>(events.Count);
        foreach (var loadEvent in events)
        {
            var at = ToTimestamp(loadEvent.AtUnixMs);
            var firstFrame = new LatencyRecorder();
            var reply = new LatencyRecorder();
            int inFlight = 0, notCompleted = 0;
            foreach (var timeline in timelines)
            {
                if (timeline.TurnInFlightAt(at) is not { } turn)
                {
                    continue;
                }

                inFlight++;
                if (turn.End is { } end)
                {
                    reply.Record(Stopwatch.GetElapsedTime(at, end));
                }
                else
                {
                    notCompleted++;
                }

                if (timeline.FirstFrameAfter(at) is { } frame && (turn.End is null || frame <= turn.End))
                {
                    firstFrame.Record(Stopwatch.GetElapsedTime(at, frame));
                }
            }

            impacts.Add(new EventImpact(loadEvent.Name, Stopwatch.GetElapsedTime(runStart, at).TotalSeconds, inFlight, notCompleted, firstFrame.Summarise(), reply.Summarise()));
        }

        return impacts;
    }
}
