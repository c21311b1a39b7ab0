namespace Conversations.Gateway.WebSockets;

/// <summary>Where a log frame stands against a client's <see cref="LogCursor"/>.</summary>
internal enum CursorStep
{
    /// <summary>The client has it: drop it.</summary>
    AlreadySent,

    /// <summary>It is the next frame: send it.</summary>
    Next,

    /// <summary>Frames are missing before it: fetch them first.</summary>
    Gap,
}
