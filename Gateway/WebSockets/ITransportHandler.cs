namespace Conversations.Gateway.WebSockets;

/// <summary>What a <see cref="WebSocketTransport"/> hands its messages to, and asks to send its queued items.</summary>
internal interface ITransportHandler
{
    /// <summary>
    /// Looks at one whole client message while its bytes are at hand (they are not kept after this call);
    /// <paramref name="message"/> holds its first bytes (all of them unless it is over the size limit).
    /// </summary>
    GuardVerdict Inspect(ReadOnlySpan<byte> message, long size, bool binary);

    /// <summary>Acts on what <see cref="Inspect"/> returned; the next message is read once this completes.</summary>
    Task HandleAsync(GuardVerdict verdict, CancellationToken cancellationToken);

    /// <summary>Sends one queued item (through <see cref="WebSocketTransport.WriteAsync"/>); called by the send loop only.</summary>
    ValueTask SendAsync(Outbound item, CancellationToken cancellationToken);
}
