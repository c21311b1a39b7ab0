using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Responders.Models;

public sealed partial class ResilientReplyGenerator
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Conversation {ConversationId} turn {Turn}: the model missed its {Deadline} deadline after {ElapsedMs} ms; answering from the fallback (circuit open: {CircuitOpen})")]
    private partial void LogDeadlineMissed(string conversationId, int turn, string deadline, long elapsedMs, bool circuitOpen);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Conversation {ConversationId} turn {Turn}: the model failed with {ErrorType} after {ElapsedMs} ms; answering from the fallback (circuit open: {CircuitOpen})")]
    private partial void LogModelFailed(string conversationId, int turn, string errorType, long elapsedMs, bool circuitOpen);

    // The exception's text may quote the server's answer, so it is only logged at Debug.
    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Conversation {ConversationId} turn {Turn}: model failure details")]
    private partial void LogModelFailure(Exception exception, string conversationId, int turn);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Conversation {ConversationId} turn {Turn}: the model's circuit is open; answering from the fallback")]
    private partial void LogCircuitOpen(string conversationId, int turn);
}
