using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation;

/// <summary>
/// One record of a conversation's stored log: the frames appended and the changes recorded between two writes.
/// </summary>
/// <param name="Version">The record's number: 1 for the first, then one more each time, without gaps.</param>
/// <param name="FirstSeq">The <c>seq</c> of its first frame (one past <paramref name="LastSeq"/> when it holds no frame).</param>
/// <param name="LastSeq">The <c>seq</c> of its last frame (the newest stored <c>seq</c> before it when it holds no frame).</param>
/// <param name="Frames">The frames, in <c>seq</c> order, without gaps.</param>
/// <param name="Changes">The changes to the checkpoint, in the order they were made.</param>
public sealed record LogRecord(
    long Version,
    long FirstSeq,
    long LastSeq,
    IReadOnlyList<LogFrame> Frames,
    IReadOnlyList<ConversationChange> Changes);
