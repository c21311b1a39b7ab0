namespace Conversations.Grains.Interfaces.Protocol;

/// <summary>The values of a frame's <c>type</c>.</summary>
public static class FrameTypes
{
    /// <summary>Client: one user turn.</summary>
    public const string UserMessage = "user_message";

    /// <summary>Client: replay frames after <c>last_seq</c>.</summary>
    public const string Resume = "resume";

    /// <summary>Client: stop the reply being generated.</summary>
    public const string Cancel = "cancel";

    /// <summary>Client: ask for a <c>pong</c>.</summary>
    public const string Ping = "ping";

    /// <summary>Server: the user message is stored.</summary>
    public const string Ack = "ack";

    /// <summary>Server: a notice (<see cref="SystemContents"/>).</summary>
    public const string System = "system";

    /// <summary>Server: a piece of the reply.</summary>
    public const string AssistantDelta = "assistant_delta";

    /// <summary>Server: the complete reply.</summary>
    public const string AssistantMessage = "assistant_message";

    /// <summary>Server: an error (<see cref="ErrorCodes"/>).</summary>
    public const string Error = "error";

    /// <summary>Server: the answer to <c>ping</c>.</summary>
    public const string Pong = "pong";
}
