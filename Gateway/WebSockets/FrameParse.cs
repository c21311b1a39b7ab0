namespace Conversations.Gateway.WebSockets;

/// <summary>Reads one client text frame as a protocol frame, or the error to answer it with.</summary>
/// <param name="utf8Json">The frame's bytes.</param>
internal delegate InboundFrame FrameParse(ReadOnlySpan<byte> utf8Json);
