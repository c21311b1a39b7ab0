namespace Conversations.Grains.Conversation;

/// <summary>Settings of every conversation (configuration section <c>Conversations</c>).</summary>
public sealed class ConversationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Conversations";

    /// <summary>
    /// The replay window keeps the frames of this many latest turns. Default 10.
    /// Together with <see cref="ReplayWindowFrames"/>: the window always holds the last 10 turns or the last
    /// 1,000 frames, whichever is less.
    /// </summary>
    public int ReplayWindowTurns { get; set; } = 10;

    /// <summary>The most frames the replay window holds. Default 1,000.</summary>
    public int ReplayWindowFrames { get; set; } = 1000;

    /// <summary>Completed turns kept whole in the checkpoint; older ones are folded into the summary. Default 10.</summary>
    public int RecentTurns { get; set; } = 10;

    /// <summary>
    /// Client message ids remembered for de-duplication. Default 256: a message resent after 256 newer ones
    /// would make a new turn. At least <see cref="MaxPendingTurns"/>, so that every turn waiting for its reply
    /// is recognised when its message comes again.
    /// </summary>
    public int RememberedMessageIds { get; set; } = 256;

    /// <summary>
    /// Turns acknowledged and waiting for their reply, the running one included; a message past them is refused
    /// with <c>CONVERSATION_BUSY</c> (nothing is stored). Default 16.
    /// </summary>
    public int MaxPendingTurns { get; set; } = 16;

    /// <summary>
    /// How many times a turn is started before it is given up: a reply that fails, or whose process dies, is
    /// tried again; past this the turn ends with an <c>INTERNAL_ERROR</c> frame and its message is kept. Default 3.
    /// </summary>
    public int MaxTurnAttempts { get; set; } = 3;

    /// <summary>
    /// The checkpoint is stored whole (a snapshot of the log) once this many turns have ended since the last
    /// one; in between only the changes are stored, with the frames. Log records older than both the replay
    /// window and the snapshot are deleted. Default 10.
    /// </summary>
    public int SnapshotEveryTurns { get; set; } = 10;

    /// <summary>
    /// While a reply streams, its pieces are written to the log (and sent) at most this often after the first one,
    /// which goes at once: the tokens that arrive in between go out as one delta, in one write. A model that
    /// streams 50 tokens a second thus costs 10 writes a second, not 50; the reader sees the text grow in steps
    /// of this length. Zero writes as soon as the previous write is done. Default 100 ms.
    /// </summary>
    public TimeSpan DeltaWriteInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest reply, in characters. Default 280.</summary>
    public int MaxReplyChars { get; set; } = 280;

    /// <summary>State transitions kept in the checkpoint's history. Default 50.</summary>
    public int StateHistoryLimit { get; set; } = 50;

    /// <summary>Ratings of turns kept in the checkpoint, the latest ones. Default 100.</summary>
    public int RememberedFeedback { get; set; } = 100;

    /// <summary>
    /// A conversation unused for this long is deleted, checkpoint and transcript, by a reminder. Default 30 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often a conversation's retention reminder looks at it. Default 1 hour.</summary>
    public TimeSpan RetentionCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>What to do with a message that arrives while a reply streams. Default <c>Enqueue</c>.</summary>
    public DoubleTextingPolicy DoubleTexting { get; set; } = DoubleTextingPolicy.Enqueue;
}
