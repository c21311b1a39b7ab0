namespace Conversations.Tests.Support;

/// <summary>Assertions on what a client received.</summary>
public static class FrameAssert
{
    /// <summary>The log frames among <paramref name="frames"/> have seq from, from + 1, … without gap or repeat.</summary>
    public static void Gapless(IEnumerable<Frame> frames, long from)
    {
        var seqs = frames.Where(f => f.Seq is not null).Select(f => f.Seq!.Value).ToList();
        var expected = Enumerable.Range(0, seqs.Count).Select(i => from + i).ToList();
        if (!seqs.SequenceEqual(expected))
        {
            throw new InvalidOperationException($"Expected seq {from}..{from + seqs.Count - 1} without gaps; got {string.Join(',', seqs)}");
        }
    }
}
