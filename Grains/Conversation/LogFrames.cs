using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Grains.Conversation;

/// <summary>Builds the conversation's log frames and serializes each one once, as clients will receive it.</summary>
public static class LogFrames
{
    /// <summary><c>ack</c>.</summary>
    /// <param name="header">Where the frame goes in the log.</param>
    /// <param name="turn">The turn the message opened.</param>
    /// <param name="messageId">The client's message id.</param>
    /// <param name="endsTurn">The turn will not be answered (a person has the conversation): the ack is all of it.</param>
    public static LogFrame Ack(FrameHeader header, int turn, string messageId, bool endsTurn = false) =>
        Serialize(
            new AckFrame { Timestamp = header.Timestamp, ConversationId = header.ConversationId, Seq = header.Seq, Id = messageId, Turn = turn },
            ProtocolJsonContext.Default.AckFrame,
            turn,
            endsTurn);

    /// <summary><c>system/processing</c>.</summary>
    public static LogFrame Processing(FrameHeader header, int turn, bool restarted) =>
        System(header, turn, SystemContents.Processing, new ProcessingMetadata(restarted ? true : null), ProtocolJsonContext.Default.SystemFrameProcessingMetadata);

    /// <summary><c>system/processing_step</c>.</summary>
    public static LogFrame ProcessingStep(FrameHeader header, int turn, string step, string progress) =>
        System(header, turn, SystemContents.ProcessingStep, new ProcessingStepMetadata(step, progress), ProtocolJsonContext.Default.SystemFrameProcessingStepMetadata);

    /// <summary><c>system/state_changed</c>.</summary>
    public static LogFrame StateChanged(FrameHeader header, int turn, ConversationState from, ConversationState to, string reason) =>
        System(header, turn, SystemContents.StateChanged, new StateChangedMetadata(from, to, reason), ProtocolJsonContext.Default.SystemFrameStateChangedMetadata);

    /// <summary><c>system/waiting_for_input</c>.</summary>
    public static LogFrame WaitingForInput(FrameHeader header, int turn, WaitingForInput waiting) =>
        System(header, turn, SystemContents.WaitingForInput, waiting, ProtocolJsonContext.Default.SystemFrameWaitingForInput);

    /// <summary><c>system/handoff</c>.</summary>
    /// <param name="header">Where the frame goes in the log.</param>
    /// <param name="turn">The turn it belongs to.</param>
    /// <param name="handoff">What happened.</param>
    /// <param name="endsTurn">The frame stands on its own, outside any running turn (an operator joined or left).</param>
    public static LogFrame Handoff(FrameHeader header, int turn, HandoffMetadata handoff, bool endsTurn = false) =>
        System(header, turn, SystemContents.Handoff, handoff, ProtocolJsonContext.Default.SystemFrameHandoffMetadata, endsTurn);

    /// <summary><c>assistant_delta</c>.</summary>
    public static LogFrame Delta(FrameHeader header, int turn, string delta) =>
        Serialize(
            new AssistantDeltaFrame { Timestamp = header.Timestamp, ConversationId = header.ConversationId, Seq = header.Seq, Turn = turn, Delta = delta },
            ProtocolJsonContext.Default.AssistantDeltaFrame,
            turn);

    /// <summary><c>assistant_message</c>.</summary>
    public static LogFrame AssistantMessage(
        FrameHeader header,
        int turn,
        string content,
        ConversationState state,
        ConversationState previousState,
        Intent intent,
        AssistantMessageMetadata metadata) =>
        AssistantMessage(header, turn, content, state, previousState, intent, metadata, by: null);

    /// <summary>
    /// An <c>assistant_message</c> written by a person: <c>author</c> = <c>operator</c> and their name. It comes
    /// outside any running turn (the assistant is silent while a person holds the conversation), so it ends one.
    /// </summary>
    public static LogFrame OperatorMessage(
        FrameHeader header,
        int turn,
        string content,
        ConversationState state,
        ConversationState previousState,
        Intent intent,
        AssistantMessageMetadata metadata,
        OperatorIdentity by)
    {
        ArgumentNullException.ThrowIfNull(by);
        return AssistantMessage(header, turn, content, state, previousState, intent, metadata, by);
    }

    // The assistant's reply (no author) or a person's message (by).
    private static LogFrame AssistantMessage(
        FrameHeader header,
        int turn,
        string content,
        ConversationState state,
        ConversationState previousState,
        Intent intent,
        AssistantMessageMetadata metadata,
        OperatorIdentity? by) =>
        Serialize(
            new AssistantMessageFrame
            {
                Timestamp = header.Timestamp,
                ConversationId = header.ConversationId,
                Seq = header.Seq,
                Turn = turn,
                Content = content,
                State = state,
                PreviousState = previousState,
                Intent = intent,
                SessionId = header.ConversationId,
                Metadata = metadata,
                Author = by is null ? null : MessageAuthors.Operator,
                AuthorName = by?.Name,
            },
            ProtocolJsonContext.Default.AssistantMessageFrame,
            turn,
            endsTurn: true);

    /// <summary>An <c>error</c> that ends a turn, and so belongs to the log.</summary>
    public static LogFrame TurnError(FrameHeader header, int turn, string errorCode, string message, bool retrySuggested) =>
        Error(header, turn, errorCode, message, retrySuggested, new ErrorMetadata(ConversationPreserved: true));

    /// <summary>
    /// An <c>error</c> about the model that ends nothing: the fallback responder answers the turn, which
    /// still ends with <c>assistant_message</c>. It is a log frame so that a resuming client sees it too.
    /// </summary>
    public static LogFrame ModelError(FrameHeader header, int turn, string errorCode, string message) =>
        Error(header, turn, errorCode, message, retrySuggested: false, new ErrorMetadata(ConversationPreserved: true, FallbackAvailable: true));

    private static LogFrame Error(FrameHeader header, int turn, string errorCode, string message, bool retrySuggested, ErrorMetadata metadata) =>
        Serialize(
            new ErrorFrame
            {
                Timestamp = header.Timestamp,
                ConversationId = header.ConversationId,
                Seq = header.Seq,
                Turn = turn,
                ErrorCode = errorCode,
                Message = message,
                RetrySuggested = retrySuggested,
                Metadata = metadata,
            },
            ProtocolJsonContext.Default.ErrorFrame,
            turn,
            endsTurn: true);

    private static LogFrame System<TMetadata>(
        FrameHeader header,
        int turn,
        string content,
        TMetadata metadata,
        JsonTypeInfo<SystemFrame<TMetadata>> typeInfo,
        bool endsTurn = false) =>
        Serialize(
            new SystemFrame<TMetadata> { Timestamp = header.Timestamp, ConversationId = header.ConversationId, Seq = header.Seq, Turn = turn, Content = content, Metadata = metadata },
            typeInfo,
            turn,
            endsTurn);

    private static LogFrame Serialize<TFrame>(TFrame frame, JsonTypeInfo<TFrame> typeInfo, int turn, bool endsTurn = false)
        where TFrame : ServerFrame =>
        new(frame.Seq ?? 0, turn, JsonSerializer.SerializeToUtf8Bytes(frame, typeInfo), endsTurn);
}
