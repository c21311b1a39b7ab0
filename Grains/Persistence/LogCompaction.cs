namespace Conversations.Grains.Persistence;

/// <summary>
/// Which records a write deletes: those whose frames all left the replay window and whose changes a stored
/// snapshot includes. The record being written is never deleted, so the newest record always stays.
/// </summary>
/// <param name="BelowSeq">Records whose last frame is older than this <c>seq</c> (the oldest frame still in the window).</param>
/// <param name="ThroughVersion">Records up to this number (that of the newest stored snapshot).</param>
public sealed record LogCompaction(long BelowSeq, long ThroughVersion);
