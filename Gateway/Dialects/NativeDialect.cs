using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Dialects;

/// <summary>Our own protocol (<c>/ws/conversation/{id}</c>): log frames go out as the grain wrote them.</summary>
internal sealed class NativeDialect(InboundFrameParser parser) : ISocketDialect
{
    /// <inheritdoc />
    public string Name => "native";

    /// <inheritdoc />
    public bool StartsAtEnd => false;

    /// <inheritdoc />
    public InboundFrame Parse(string conversationId, ReadOnlySpan<byte> utf8Json) => parser.Parse(utf8Json);

    /// <inheritdoc />
    public byte[]? Log(byte[] json) => json;

    /// <inheritdoc />
    public byte[]? Greeting(DateTime now, string conversationId) => null;

    /// <inheritdoc />
    public byte[]? Resumed(DateTime now, ConversationSnapshot snapshot) => GatewayFrames.Resumed(now, snapshot);

    /// <inheritdoc />
    public byte[]? ResyncRequired(DateTime now, ConversationSnapshot snapshot, long requestedLastSeq) =>
        GatewayFrames.ResyncRequired(now, snapshot, requestedLastSeq);

    /// <inheritdoc />
    public byte[]? Reconnect(DateTime now, string conversationId, string reason, string cause) =>
        GatewayFrames.Reconnect(now, conversationId, reason, cause);

    /// <inheritdoc />
    public byte[] Error(DateTime now, string conversationId, DialectError error) =>
        GatewayFrames.Error(now, conversationId, error.Code, error.Message, error.RetrySuggested, error.Field, error.Limit, error.MessageId);

    /// <inheritdoc />
    public byte[] Pong(DateTime now) => GatewayFrames.Pong(now);
}
