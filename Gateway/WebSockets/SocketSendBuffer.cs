using Microsoft.AspNetCore.Connections.Features;

namespace Conversations.Gateway.WebSockets;

/// <summary>Bounds the kernel send buffer of the socket under a request, before it becomes a WebSocket.</summary>
internal static class SocketSendBuffer
{
    /// <summary>
    /// Sets the socket's send buffer to <paramref name="bytes"/> (0: left as it is). Setting it also stops the
    /// kernel from growing it, which is the point: a client that stops reading then holds up the send loop
    /// after a bounded amount, and the outbound queue can tell that it is too slow.
    /// </summary>
    public static void Bound(HttpContext http, int bytes)
    {
        // No socket under other transports (in-memory test servers, named pipes): nothing to bound.
        if (bytes > 0 && http.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            socket.SendBufferSize = bytes;
        }
    }
}
