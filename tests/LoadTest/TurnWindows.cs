using System.Diagnostics;

namespace Conversations.LoadTest;

/// <summary>
/// Whole-turn times grouped by the turn's place in its conversation (turns 1-20, 21-40, ...), so that a run
/// of long conversations shows whether a turn costs more late in a conversation than early.
/// </summary>
internal sealed class TurnWindows
{
    public const int Size = 20;

    private readonly Lock _sync = new();
    private readonly Dictionary<int, (long Turns, double TotalMs)> _windows = [];

    /// <summary>Records a completed turn; <paramref name="turn"/> counts from 0 within its conversation.</summary>
    public void Record(int turn, long startedAt)
    {
        var ms = Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
        lock (_sync)
        {
            var (turns, total) = _windows.GetValueOrDefault(turn / Size);
            _windows[turn / Size] = (turns + 1, total + ms);
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _windows.Clear();
        }
    }

    /// <summary>Each window's turns and mean whole-turn time; its rate is what the run's concurrency would do at that mean.</summary>
    public IReadOnlyList<TurnWindow> Summarise(int concurrency)
    {
        lock (_sync)
        {
            return [.. _windows.OrderBy(w => w.Key).Select(w =>
            {
                var mean = w.Value.TotalMs / w.Value.Turns;
                return new TurnWindow(w.Key * Size + 1, (w.Key + 1) * Size, w.Value.Turns, mean, mean > 0 ? concurrency * 1000 / mean : 0);
            })];
        }
    }
}

/// <summary>Turns <paramref name="FirstTurn"/> to <paramref name="LastTurn"/> of every conversation in a run.</summary>
public sealed record TurnWindow(int FirstTurn, int LastTurn, long Turns, double MeanTurnMs, double TurnsPerSecond);
