using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Conversation;

public sealed partial class ConversationGrain
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Conversation {ConversationId} turn {Turn} answered: {FromState} -> {ToState}, intent {Intent} ({Confidence}), {LatencyMs} ms")]
    private partial void LogTurnCompleted(string conversationId, int turn, ConversationState fromState, ConversationState toState, string intent, double confidence, long latencyMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Conversation {ConversationId} turn {Turn} cancelled after {ReplyChars} characters")]
    private partial void LogTurnCancelled(string conversationId, int turn, int replyChars);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Conversation {ConversationId} turn {Turn} refused transition {FromState} -> {RequestedState} (intent {Intent})")]
    private partial void LogTransitionRefused(string conversationId, int turn, ConversationState fromState, ConversationState requestedState, string intent);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Conversation {ConversationId} activated with {PendingTurns} unanswered turns; answering them")]
    private partial void LogResumingPendingTurns(string conversationId, int pendingTurns);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Conversation {ConversationId} unused for {Idle}; deleting its {Turns} turns")]
    private partial void LogDeletingExpired(string conversationId, int turns, TimeSpan idle);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Information, Message = "Conversation {ConversationId} turn {Turn} answered by the fallback responder ({ErrorCode})")]
    private partial void LogAnsweredByFallback(string conversationId, int turn, string errorCode);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Information, Message = "Conversation {ConversationId} turn {Turn} handed to a person ({Reason}, likelihood {Likelihood})")]
    private partial void LogHandedOff(string conversationId, int turn, string reason, double likelihood);

    [LoggerMessage(EventId = 1018, Level = LogLevel.Information, Message = "Conversation {ConversationId} handed back to the assistant")]
    private partial void LogHandedBack(string conversationId);

    [LoggerMessage(EventId = 1019, Level = LogLevel.Information, Message = "Conversation {ConversationId} turn {Turn} waits for {ExpectedInput}")]
    private partial void LogWaitingForInput(string conversationId, int turn, string expectedInput);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "Conversation {ConversationId} turn {Turn} stored without a reply: a person has the conversation")]
    private partial void LogSilentTurn(string conversationId, int turn);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: could not write turns {FirstTurn}..{LastTurn} to the transcript; will retry with the next turn")]
    private partial void LogTranscriptFailed(Exception exception, string conversationId, int firstTurn, int lastTurn);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: could not schedule its retention reminder; will retry with the next turn")]
    private partial void LogRetentionNotScheduled(Exception exception, string conversationId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Conversation {ConversationId} was behind storage (seq {LocalSeq}, stored {StoredSeq}): another activation wrote meanwhile; reloaded")]
    private partial void LogReloaded(string conversationId, long localSeq, long storedSeq);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Conversation {ConversationId} turn {Turn} failed; it will be tried again")]
    private partial void LogTurnFailed(Exception exception, string conversationId, int turn);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Warning, Message = "Conversation {ConversationId} turn {Turn} was started {Attempts} times without an answer; it ends with an error, its message kept")]
    private partial void LogTurnGivenUp(string conversationId, int turn, int attempts);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Conversation {ConversationId} could not write its log; reloading it")]
    private partial void LogWriteFailed(Exception exception, string conversationId);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Conversation {ConversationId} could not publish frames {FirstSeq}..{LastSeq}; clients will fetch them")]
    private partial void LogPublishFailed(Exception exception, string conversationId, long firstSeq, long lastSeq);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Conversation {ConversationId} stopped answering; pending turns stay stored")]
    private partial void LogWorkerStopped(Exception exception, string conversationId);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Conversation {ConversationId} turn {Turn} rated {Rating}")]
    private partial void LogTurnRated(string conversationId, int turn, int rating);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Information, Message = "Conversation {ConversationId} taken over by operator {OperatorId}")]
    private partial void LogOperatorJoined(string conversationId, string operatorId);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Information, Message = "Conversation {ConversationId}: operator {OperatorId} wrote {Chars} characters")]
    private partial void LogOperatorReplied(string conversationId, string operatorId, int chars);

    [LoggerMessage(EventId = 1026, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: the hand-off queue could not be told; the conversation's log has it")]
    private partial void LogQueueFailed(Exception exception, string conversationId);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Warning, Message = "Conversation {ConversationId} turn {Turn} was rated but the satisfaction tally could not count it")]
    private partial void LogTallyFailed(Exception exception, string conversationId, int turn);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Warning, Message = "Conversation {ConversationId} could not tell the profile of user {UserId} what it learned; it will with a later turn")]
    private partial void LogProfileFailed(Exception exception, string conversationId, string userId);
}
