using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation;

/// <summary>
/// A conversation's log as the grain holds it: the <c>seq</c> counter, the replay window of frames a
/// reconnecting client can be sent again, and what was appended since the last write (frames, and the changes
/// to the checkpoint that must be stored with them). Knows nothing of Orleans or storage: the grain takes a
/// <see cref="LogRecord"/>, stores it, and reports back with <see cref="Committed"/>.
/// </summary>
/// <remarks>
/// <see cref="Append"/> numbers a frame and adds it in one synchronous call, so no caller can let another
/// piece of code append between taking a seq and using it.
/// </remarks>
public sealed class ConversationLog
{
    private readonly string _conversationId;
    private readonly int _windowTurns;
    private readonly int _windowFrames;
    private readonly TimeProvider _time;
    private readonly List<LogFrame> _window = [];
    private List<LogFrame> _unflushed = [];
    private List<ConversationChange> _changes = [];
    private int _newestTurn;
    private bool _writing;

    /// <summary>Creates an empty log.</summary>
    /// <param name="conversationId">The conversation the frames belong to.</param>
    /// <param name="windowTurns">The replay window keeps the frames of this many latest turns...</param>
    /// <param name="windowFrames">...and at most this many frames.</param>
    /// <param name="time">The clock that stamps frames.</param>
    public ConversationLog(string conversationId, int windowTurns, int windowFrames, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowTurns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowFrames, 1);
        _conversationId = conversationId;
        _windowTurns = windowTurns;
        _windowFrames = windowFrames;
        _time = time;
    }

    /// <summary>The <c>seq</c> of the newest frame appended (durable or not); 0 for an empty log.</summary>
    public long LastSeq { get; private set; }

    /// <summary>The <c>seq</c> of the newest frame known to be stored; only frames up to it are published or replayed.</summary>
    public long DurableSeq { get; private set; }

    /// <summary>The number of the newest stored record (the log's version); 0 when nothing was stored.</summary>
    public long Version { get; private set; }

    /// <summary>Whether something was appended or recorded that is not stored yet.</summary>
    public bool HasUnflushed => _unflushed.Count > 0 || _changes.Count > 0;

    /// <summary>The replay window, oldest first (unflushed frames included).</summary>
    public IReadOnlyList<LogFrame> Window => _window;

    /// <summary>The <c>seq</c> of the oldest frame a client can still be sent again.</summary>
    public long OldestSeq => _window.Count > 0 ? _window[0].Seq : LastSeq + 1;

    /// <summary>
    /// Gives <paramref name="build"/> the next <c>seq</c> and the time, and appends the frame it returns. The
    /// frame is stored by the next write and published after it.
    /// </summary>
    public LogFrame Append(Func<FrameHeader, LogFrame> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var header = new FrameHeader(_conversationId, LastSeq + 1, _time.GetUtcNow().UtcDateTime);
        var frame = build(header);
        if (frame.Seq != header.Seq)
        {
            throw new InvalidOperationException($"A frame built for seq {header.Seq} carries seq {frame.Seq}.");
        }

        LastSeq = frame.Seq;
        _unflushed.Add(frame);
        AddToWindow(frame);
        return frame;
    }

    /// <summary>Records a change to the checkpoint (already applied to it) that the next write must store.</summary>
    public void Record(ConversationChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _changes.Add(change);
    }

    /// <summary>
    /// Takes everything not yet stored as the next record; <see langword="null"/> when there is nothing. One
    /// record at a time: the next is taken after <see cref="Committed"/>.
    /// </summary>
    public LogRecord? TakeBatch()
    {
        if (_writing)
        {
            throw new InvalidOperationException("A record is being stored; take the next one once it is committed.");
        }

        if (!HasUnflushed)
        {
            return null;
        }

        _writing = true;
        var batch = new LogRecord(Version + 1, DurableSeq + 1, LastSeq, _unflushed, _changes);
        _unflushed = [];
        _changes = [];
        return batch;
    }

    /// <summary>The record is stored: its frames may now be published and replayed.</summary>
    public void Committed(LogRecord batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Version != Version + 1)
        {
            throw new InvalidOperationException($"Record {batch.Version} was stored out of order (the log is at {Version}).");
        }

        Version = batch.Version;
        DurableSeq = batch.LastSeq;
        _writing = false;
    }

    /// <summary>
    /// What a client that has seen every frame up to <paramref name="lastSeq"/> needs: the stored frames after
    /// it, or a resync when they left the window (or the client is ahead of the stored log).
    /// </summary>
    public LogReplay ReplayAfter(long lastSeq)
    {
        if (lastSeq > DurableSeq || lastSeq < OldestSeq - 1)
        {
            return LogReplay.Resync;
        }

        var frames = new List<LogFrame>();
        foreach (var frame in _window)
        {
            if (frame.Seq > lastSeq && frame.Seq <= DurableSeq)
            {
                frames.Add(frame);
            }
        }

        return new LogReplay(frames, ResyncRequired: false);
    }

    /// <summary>Rebuilds the log from stored records, oldest first (the grain's activation).</summary>
    /// <param name="version">The number of the newest stored record.</param>
    /// <param name="lastSeq">The <c>seq</c> of the newest stored frame.</param>
    /// <param name="frames">The stored frames that may still be in the window, oldest first.</param>
    public void Restore(long version, long lastSeq, IEnumerable<LogFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (HasUnflushed || Version != 0)
        {
            throw new InvalidOperationException("Only an empty log can be restored.");
        }

        foreach (var frame in frames)
        {
            AddToWindow(frame);
        }

        Version = version;
        LastSeq = lastSeq;
        DurableSeq = lastSeq;
    }

    private void AddToWindow(LogFrame frame)
    {
        _window.Add(frame);
        _newestTurn = Math.Max(_newestTurn, frame.Turn);
        var oldestTurnKept = _newestTurn - _windowTurns;
        var drop = 0;
        while (drop < _window.Count - 1
            && (_window.Count - drop > _windowFrames || _window[drop].Turn <= oldestTurnKept))
        {
            drop++;
        }

        _window.RemoveRange(0, drop);
    }
}
