namespace Conversations.LoadTest;

/// <summary>What a run saw that the protocol forbids. A clean run has all zeros.</summary>
/// <param name="LostFrames">Seqs never received (skipped by a gap, or announced by <c>resync_required</c>).</param>
/// <param name="DuplicateFrames">Log frames received more than once.</param>
/// <param name="SeqGaps">Times a log frame was not the highest seq so far plus one, and higher.</param>
/// <param name="TurnsNotCompleted">Turns acknowledged that did not end with <c>assistant_message</c> by the end of the run.</param>
/// <param name="TurnMismatches">Acks and replies for a turn other than the one sent.</param>
/// <param name="UnreadableFrames">Frames that were not a JSON object with a <c>type</c>.</param>
public sealed record ProtocolViolations(long LostFrames, long DuplicateFrames, long SeqGaps, long TurnsNotCompleted, long TurnMismatches, long UnreadableFrames)
{
    /// <summary>All violations added up.</summary>
    public long Total => LostFrames + DuplicateFrames + SeqGaps + TurnsNotCompleted + TurnMismatches + UnreadableFrames;
}
