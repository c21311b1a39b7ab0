namespace Conversations.Grains.Conversation;

/// <summary>What every log frame carries: its conversation, its place in the log and its time.</summary>
public readonly record struct FrameHeader(string ConversationId, long Seq, DateTime Timestamp);
