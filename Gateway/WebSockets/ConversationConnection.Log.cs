namespace Conversations.Gateway.WebSockets;

internal sealed partial class ConversationConnection
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: could not subscribe or replay on connect")]
    private partial void LogConnectFailed(Exception exception, string conversationId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Conversation {ConversationId}: last_seq {LastSeq} is outside the replay window (log at {LogSeq}); resync sent")]
    private partial void LogResyncRequired(string conversationId, long lastSeq, long logSeq);




    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: frames over the {Limit} byte limit after a warning; closing")]
    private partial void LogOversizeClose(string conversationId, long limit);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: {FrameType} failed")]
    private partial void LogGrainCallFailed(Exception exception, string conversationId, string frameType);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Conversation {ConversationId}: no frame during an open turn after seq {LastSentSeq}; asking the conversation")]
    private partial void LogStalled(string conversationId, long lastSentSeq);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: could not fill a gap after seq {LastSentSeq}")]
    private partial void LogGapFillFailed(Exception exception, string conversationId, long lastSentSeq);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: gap between seq {LastSentSeq} and {NextSeq} could not be filled; socket dropped so the client resumes")]
    private partial void LogGapUnfilled(string conversationId, long lastSentSeq, long nextSeq);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: {Strikes} frames over the rate limit; closing")]
    private partial void LogRateLimitClose(string conversationId, int strikes);
}
