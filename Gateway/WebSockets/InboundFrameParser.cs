using System.Text.Json;
using Conversations.Gateway.Hosting;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.WebSockets;

/// <summary>Parses and checks one client text frame against the protocol.</summary>
public sealed class InboundFrameParser(IOptionsMonitor<GatewayOptions> options)
{
    /// <summary>The longest client message id, in characters.</summary>
    public const int MaxMessageIdChars = 64;

    private const string KnownTypes = "user_message, resume, cancel or ping";

    /// <summary>Parses a UTF-8 JSON frame.</summary>
    public InboundFrame Parse(ReadOnlySpan<byte> utf8Json)
    {
        ClientFrame? frame;
        try
        {
            frame = JsonSerializer.Deserialize(utf8Json, ProtocolJsonContext.Default.ClientFrame);
        }
        catch (JsonException exception)
        {
            var field = FieldOf(exception.Path);
            return field is null
                ? InboundFrame.Invalid($"The frame is not a valid JSON object ({Describe(exception)}).")
                : InboundFrame.Invalid($"Field '{field}' has the wrong type ({Describe(exception)}).", field);
        }

        if (frame is null)
        {
            return InboundFrame.Invalid("The frame must be a JSON object, not null.");
        }

        return frame.Type switch
        {
            null or "" => InboundFrame.Invalid($"Field 'type' is missing; expected {KnownTypes}.", "type"),
            FrameTypes.UserMessage => WithMessageId(CheckUserMessage(frame), frame.Id),
            FrameTypes.Resume => frame.LastSeq switch
            {
                null => InboundFrame.Invalid("Field 'last_seq' is missing: resume needs the highest seq already processed (0 for none).", "last_seq"),
                < 0 => InboundFrame.Invalid("Field 'last_seq' must be 0 or more.", "last_seq"),
                _ => InboundFrame.Valid(frame),
            },
            FrameTypes.Cancel => frame.Turn is < 1
                ? InboundFrame.Invalid("Field 'turn' must be 1 or more when given.", "turn")
                : InboundFrame.Valid(frame),
            FrameTypes.Ping => InboundFrame.Valid(frame),
            _ => InboundFrame.Invalid($"Unknown frame type '{Truncate(frame.Type)}'; expected {KnownTypes}.", "type"),
        };
    }

    private InboundFrame CheckUserMessage(ClientFrame frame)
    {
        var limits = options.CurrentValue;
        if (string.IsNullOrEmpty(frame.Id))
        {
            return InboundFrame.Invalid("Field 'id' is missing: every user_message needs a client message id (1 to 64 characters).", "id");
        }

        if (frame.Id.Length > MaxMessageIdChars)
        {
            return InboundFrame.Invalid($"Field 'id' is {frame.Id.Length} characters long; at most {MaxMessageIdChars} are allowed.", "id");
        }

        if (frame.Content is null)
        {
            return InboundFrame.Invalid("Field 'content' is missing.", "content");
        }

        if (string.IsNullOrWhiteSpace(frame.Content))
        {
            return InboundFrame.Invalid("Field 'content' is empty; send at least one visible character.", "content");
        }

        if (frame.Content.Length > limits.MaxContentChars)
        {
            return InboundFrame.TooLarge(
                $"Field 'content' is {frame.Content.Length} characters long; at most {limits.MaxContentChars} are allowed.",
                "content",
                limits.MaxContentChars);
        }

        if (frame.UserName is { Length: var nameLength } && nameLength > limits.MaxUserNameChars)
        {
            return InboundFrame.Invalid($"Field 'user_name' is {nameLength} characters long; at most {limits.MaxUserNameChars} are allowed.", "user_name");
        }

        return InboundFrame.Valid(frame);
    }

    // An error about a user_message names its id, when the id itself is usable, so clients can match it.
    private static InboundFrame WithMessageId(InboundFrame checkedFrame, string? id) =>
        checkedFrame.IsValid || string.IsNullOrEmpty(id) || id.Length > MaxMessageIdChars ? checkedFrame : checkedFrame with { MessageId = id };

    // "$.last_seq" -> "last_seq"; the root ("$") or no path means the frame itself is at fault.
    private static string? FieldOf(string? path) =>
        path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;

    private static string Describe(JsonException exception) =>
        exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? $"at line {line + 1}, byte {position + 1}"
            : "unreadable";

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
}
