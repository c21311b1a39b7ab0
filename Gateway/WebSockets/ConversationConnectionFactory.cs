using System.Net.WebSockets;
using Conversations.Gateway.Dialects;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.Streaming;
using Conversations.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.WebSockets;

/// <summary>Makes a <see cref="ConversationConnection"/> for each accepted socket.</summary>
internal sealed class ConversationConnectionFactory(
    IGrainFactory grains,
    IConversationFeed feed,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    ConversationInstruments instruments,
    TransientRetry retry,
    ILogger<ConversationConnection> logger)
{
    public ConversationConnection Create(WebSocket socket, ConnectionRequest request, ISocketDialect dialect) =>
        new(socket, request, grains, feed, dialect, options.CurrentValue, time, instruments, retry, logger);
}
