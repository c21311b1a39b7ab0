using System.Text;
using Conversations.Grains.Conversation;
using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Grains.Tests.Conversation;

public sealed class ConversationLogTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AppendNumbersFramesFromOneWithoutGapsAndStampsThemWithTheClock()
    {
        var log = NewLog();
        var first = log.Append(header => Frame(header, turn: 1));
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = log.Append(header => Frame(header, turn: 1));

        Assert.Equal([1L, 2L], new[] { first.Seq, second.Seq });
        Assert.Equal(2, log.LastSeq);
        Assert.Contains("\"at\":\"2026-01-01T00:00:01", Encoding.UTF8.GetString(second.Json), StringComparison.Ordinal);
    }

    [Fact]
    public void AFrameBuiltForAnotherSeqIsRefused()
    {
        var log = NewLog();
        Assert.Throws<InvalidOperationException>(() => log.Append(header => Frame(header with { Seq = header.Seq + 1 }, turn: 1)));
        Assert.Equal(0, log.LastSeq);
    }

    [Fact]
    public void OnlyStoredFramesAreReplayed()
    {
        var log = NewLog();
        log.Append(header => Frame(header, turn: 1));
        var record = log.TakeBatch()!;
        log.Append(header => Frame(header, turn: 1));

        Assert.Empty(log.ReplayAfter(0).Frames);
        log.Committed(record);
        Assert.Equal([1L], log.ReplayAfter(0).Frames.Select(f => f.Seq));
        Assert.Equal(1, log.DurableSeq);
        Assert.Equal(2, log.LastSeq);
    }

    [Fact]
    public void AReplayStartsRightAfterTheClientsLastSeq()
    {
        var log = Stored(frames: 6, turns: 2);
        Assert.Equal([4L, 5L, 6L], log.ReplayAfter(3).Frames.Select(f => f.Seq));
        Assert.Empty(log.ReplayAfter(6).Frames);
        Assert.False(log.ReplayAfter(6).ResyncRequired);
    }

    [Fact]
    public void AClientAheadOfTheStoredLogOrBehindTheWindowMustResync()
    {
        var log = Stored(frames: 40, turns: 20, windowTurns: 2);
        Assert.True(log.ReplayAfter(41).ResyncRequired);
        Assert.True(log.ReplayAfter(log.OldestSeq - 2).ResyncRequired);
        Assert.False(log.ReplayAfter(log.OldestSeq - 1).ResyncRequired);
    }

    [Fact]
    public void TheWindowKeepsTheLatestTurnsAndAtMostItsFrameLimit()
    {
        var byTurns = Stored(frames: 30, turns: 10, windowTurns: 3);
        Assert.Equal([8, 9, 10], byTurns.Window.Select(f => f.Turn).Distinct());

        var byFrames = Stored(frames: 30, turns: 2, windowTurns: 10, windowFrames: 12);
        Assert.Equal(12, byFrames.Window.Count);
        Assert.Equal(30, byFrames.Window[^1].Seq);
    }

    [Fact]
    public void ARecordHoldsWhatWasAppendedAndRecordedSinceTheLastWrite()
    {
        var log = Stored(frames: 3, turns: 1);
        var change = new HandedBack(_time.GetUtcNow());
        log.Append(header => Frame(header, turn: 2));
        log.Record(change);
        var record = log.TakeBatch()!;

        Assert.Equal(4, record.Version);
        Assert.Equal(4, record.FirstSeq);
        Assert.Equal(4, record.LastSeq);
        Assert.Equal([4L], record.Frames.Select(f => f.Seq));
        Assert.Equal([change], record.Changes);
        Assert.False(log.HasUnflushed);
    }

    [Fact]
    public void ARecordWithoutFramesCoversAnEmptyRangeAfterTheStoredSeq()
    {
        var log = Stored(frames: 3, turns: 1);
        log.Record(new HandedBack(_time.GetUtcNow()));
        var record = log.TakeBatch()!;
        Assert.Equal(4, record.FirstSeq);
        Assert.Equal(3, record.LastSeq);
        Assert.Empty(record.Frames);
    }

    [Fact]
    public void TheNextRecordIsTakenOnlyOnceTheLastIsCommitted()
    {
        var log = NewLog();
        log.Append(header => Frame(header, turn: 1));
        var record = log.TakeBatch()!;
        log.Append(header => Frame(header, turn: 1));

        Assert.Throws<InvalidOperationException>(() => log.TakeBatch());
        log.Committed(record);
        Assert.Equal(2, log.TakeBatch()!.Version);
    }

    [Fact]
    public void NothingToWriteGivesNoRecord() => Assert.Null(NewLog().TakeBatch());

    [Fact]
    public void ARestoredLogContinuesWhereTheStoredOneEnded()
    {
        var stored = Stored(frames: 8, turns: 4, windowTurns: 2);
        var restored = NewLog(windowTurns: 2);
        restored.Restore(stored.Version, stored.LastSeq, stored.Window);

        Assert.Equal(stored.Window.Select(f => f.Seq), restored.Window.Select(f => f.Seq));
        Assert.Equal(8, restored.DurableSeq);
        Assert.Equal(9, restored.Append(header => Frame(header, turn: 5)).Seq);
        Assert.Equal(stored.Version + 1, restored.TakeBatch()!.Version);
    }

    private ConversationLog NewLog(int windowTurns = 10, int windowFrames = 1000) =>
        new("c-1", windowTurns, windowFrames, _time);

    // A log whose frames are stored, one record per frame, spread evenly over the turns.
    private ConversationLog Stored(int frames, int turns, int windowTurns = 10, int windowFrames = 1000)
    {
        var log = NewLog(windowTurns, windowFrames);
        for (var i = 0; i < frames; i++)
        {
            var turn = 1 + (i * turns / frames);
            log.Append(header => Frame(header, turn));
            log.Committed(log.TakeBatch()!);
        }

        return log;
    }

    private static LogFrame Frame(FrameHeader header, int turn) =>
        new(header.Seq, turn, Encoding.UTF8.GetBytes($"{{\"seq\":{header.Seq},\"at\":\"{header.Timestamp:O}\"}}"));
}
