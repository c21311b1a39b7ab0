using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.WebSockets;

/// <summary>A client frame after parsing: either a valid frame or the error to answer it with.</summary>
/// <param name="Frame">The frame, when valid.</param>
/// <param name="ErrorCode">The error code, when not.</param>
/// <param name="ErrorMessage">What is wrong, when not valid.</param>
/// <param name="Field">The field at fault, if one is.</param>
/// <param name="Limit">The limit exceeded, for size errors.</param>
/// <param name="MessageId">The client message id of an invalid <c>user_message</c>, when it could be read.</param>
public sealed record InboundFrame(
    ClientFrame? Frame,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    string? Field = null,
    long? Limit = null,
    string? MessageId = null)
{
    /// <summary>Whether the frame is valid.</summary>
    public bool IsValid => Frame is not null;

    /// <summary>A valid frame.</summary>
    public static InboundFrame Valid(ClientFrame frame) => new(frame);

    /// <summary>An invalid frame.</summary>
    public static InboundFrame Invalid(string message, string? field = null) =>
        new(null, ErrorCodes.InvalidMessage, message, field);

    /// <summary>A frame with a field over its size limit.</summary>
    public static InboundFrame TooLarge(string message, string field, long limit) =>
        new(null, ErrorCodes.MessageTooLarge, message, field, limit);
}
