namespace Conversations.LoadTest;

/// <summary>
/// When one connection's turns started and ended and when its log frames arrived, as Stopwatch timestamps,
/// so that the turns in flight at an event can be found afterwards. Written under the connection's lock,
/// read once the run is over.
/// </summary>
public sealed class ConnectionTimeline
{
    private readonly List<long> _frames = [];
    private readonly List<TurnSpan> _turns = [];

    internal IReadOnlyList<TurnSpan> Turns => _turns;

    internal void OnTurnStarted(long at) => _turns.Add(new TurnSpan(at, null));

    internal void OnTurnEnded(long at)
    {
        if (_turns.Count > 0 && _turns[^1].End is null)
        {
            _turns[^1] = _turns[^1] with { End = at };
        }
    }

    /// <summary>A log frame that was new to the connection (not a duplicate) arrived.</summary>
    internal void OnLogFrame(long at) => _frames.Add(at);

    /// <summary>The turn in flight at <paramref name="at"/> (started, not yet ended), if any.</summary>
    internal TurnSpan? TurnInFlightAt(long at)
    {
        for (var i = _turns.Count - 1; i >= 0; i--)
        {
            var turn = _turns[i];
            if (turn.Start <= at)
            {
                return turn.End is null || turn.End > at ? turn : null;
            }
        }

        return null;
    }

    /// <summary>When the first new log frame at or after <paramref name="at"/> arrived, if one did.</summary>
    internal long? FirstFrameAfter(long at)
    {
        // Frames are appended in arrival order, so the list is sorted.
        var index = _frames.BinarySearch(at);
        if (index < 0)
        {
            index = ~index;
        }

        return index < _frames.Count ? _frames[index] : null;
    }
}
