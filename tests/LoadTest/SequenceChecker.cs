namespace Conversations.LoadTest;

/// <summary>
/// Checks one conversation's log as a client receives it, across reconnects: every log frame must carry
/// exactly the highest <c>seq</c> seen so far plus one. A lower one is a duplicate; a higher one is a gap,
/// and the seqs it skips are lost frames.
/// </summary>
public sealed class SequenceChecker
{
    /// <summary>The highest <c>seq</c> received: what the client sends as <c>last_seq</c> when it resumes.</summary>
    public long Highest { get; private set; }

    /// <summary>Frames received again (seq not above the highest).</summary>
    public long Duplicates { get; private set; }

    /// <summary>Times a frame skipped one or more seqs.</summary>
    public long Gaps { get; private set; }

    /// <summary>Seqs skipped, in all.</summary>
    public long LostFrames { get; private set; }

    /// <summary>Log frames accepted in order.</summary>
    public long InOrder { get; private set; }

    /// <summary>Records one log frame and says how it fits the log received so far.</summary>
    public SeqVerdict Observe(long seq)
    {
        if (seq == Highest + 1)
        {
            Highest = seq;
            InOrder++;
            return SeqVerdict.Next;
        }

        if (seq <= Highest)
        {
            Duplicates++;
            return SeqVerdict.Duplicate;
        }

        Gaps++;
        LostFrames += seq - Highest - 1;
        Highest = seq;
        return SeqVerdict.AfterGap;
    }

    /// <summary>
    /// The server said the log continues from <paramref name="lastSeq"/> (<c>resync_required</c>): frames
    /// up to it will not be replayed. Counted as lost when they were never received.
    /// </summary>
    public void Resync(long lastSeq)
    {
        if (lastSeq > Highest)
        {
            Gaps++;
            LostFrames += lastSeq - Highest;
            Highest = lastSeq;
        }
    }
}
