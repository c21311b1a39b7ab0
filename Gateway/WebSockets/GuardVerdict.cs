using System.Net.WebSockets;

namespace Conversations.Gateway.WebSockets;

/// <summary>What <see cref="InboundGuard"/> says of one client message.</summary>
/// <param name="Action">Handle it (a valid frame, or an invalid one to answer with its error), refuse it, or close.</param>
/// <param name="Frame">The parsed frame, for <see cref="GuardAction.Handle"/>.</param>
/// <param name="Error">The error to send, for <see cref="GuardAction.Refuse"/>, and before closing when there is one.</param>
/// <param name="CloseStatus">For <see cref="GuardAction.Close"/>: the close code.</param>
/// <param name="CloseReason">For <see cref="GuardAction.Close"/>: the close reason.</param>
internal sealed record GuardVerdict(
    GuardAction Action,
    InboundFrame? Frame = null,
    GuardError? Error = null,
    WebSocketCloseStatus CloseStatus = WebSocketCloseStatus.PolicyViolation,
    string? CloseReason = null);
