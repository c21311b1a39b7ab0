namespace Conversations.Gateway.WebSockets;

/// <summary>What to do with a client message (<see cref="GuardVerdict"/>).</summary>
internal enum GuardAction
{
    /// <summary>Act on the frame (or answer an invalid one with its error).</summary>
    Handle,

    /// <summary>Drop it and send the error; the socket stays open.</summary>
    Refuse,

    /// <summary>Abuse: send the error, if any, and close the socket.</summary>
    Close,
}
