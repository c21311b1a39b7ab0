using System.Net.WebSockets;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.Streaming;
using Conversations.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.WebSockets;

/// <summary>Makes a <see cref="ConversationConnection"/> for each accepted socket.</summary>
internal sealed class ConversationConnectionFactory(
    IGrainFactory grains,
    IConversationFeed feed,
    InboundFrameParser parser,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ConversationInstruments instruments,
    ILogger<ConversationConnection> logger)
{
    public ConversationConnection Create(WebSocket socket, ConnectionRequest request) =>
        new(socket, request, grains, feed, parser, options.Value, time, instruments, logger);
}
