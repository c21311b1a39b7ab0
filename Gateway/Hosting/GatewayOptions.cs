namespace Conversations.Gateway.Hosting;

/// <summary>Settings of the WebSocket gateway (configuration section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway";

    /// <summary>Whether a silo runs in this process. Default <see cref="GatewayMode.Embedded"/>.</summary>
    public GatewayMode Mode { get; set; } = GatewayMode.Embedded;

    /// <summary>The largest inbound frame, in bytes. Default 65,536 (64 KiB).</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>The longest <c>user_message.content</c>, in characters. Default 4,000.</summary>
    public int MaxContentChars { get; set; } = 4000;

    /// <summary>The longest <c>user_name</c>, in characters. Default 100.</summary>
    public int MaxUserNameChars { get; set; } = 100;

    /// <summary>
    /// Oversized frames answered with a <c>MESSAGE_TOO_LARGE</c> warning before the next one closes the
    /// socket (close code 1009). Default 1.
    /// </summary>
    public int OversizeWarnings { get; set; } = 1;

    /// <summary>The most sockets this gateway holds; one more is refused with 503 TOO_MANY_CONNECTIONS. Default 20,000.</summary>
    public int MaxConnections { get; set; } = 20_000;

    /// <summary>The most sockets one <c>user_id</c> holds on this gateway; one more is refused with 429 TOO_MANY_CONNECTIONS. Default 20.</summary>
    public int MaxConnectionsPerUser { get; set; } = 20;

    /// <summary>
    /// The most conversations one user may have (listed in their <c>IUserConversationsGrain</c>); starting
    /// one more, over a socket or <c>POST /conversations</c>, is refused with 429 TOO_MANY_CONVERSATIONS
    /// before anything is stored. Retention deleting a conversation frees its place. Default 1,000.
    /// </summary>
    public int MaxConversationsPerUser { get; set; } = 1000;

    /// <summary>
    /// WebSocket upgrades one user (the token's subject) may make per second, on average; more are refused
    /// with 429 RATE_LIMITED before the conversation is touched. Not applied with authentication off.
    /// Default 5.
    /// </summary>
    public int UpgradesPerSecond { get; set; } = 5;

    /// <summary>WebSocket upgrades one user may make at once above the average (a reconnect after a drain). Default 20.</summary>
    public int UpgradeBurst { get; set; } = 20;

    /// <summary>
    /// Origins (<c>https://app.example.com</c>) whose pages may open a WebSocket, besides the gateway's own
    /// origin. An upgrade with any other <c>Origin</c> header is refused with 403, which stops another site's
    /// page (cross-site WebSocket hijacking, DNS rebinding) from using a visitor's browser to talk to the
    /// gateway. Clients that send no <c>Origin</c> (programs, not browsers) are not affected. Default: none,
    /// same-origin only.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// How long the cluster may be unreachable from this gateway before its sockets are told to reconnect
    /// elsewhere (<c>system/reconnect</c>, cause <c>cluster_unreachable</c>, close 1012). Only with
    /// <c>Gateway:Mode=Client</c>. Default 15 seconds.
    /// </summary>
    public TimeSpan ClusterUnreachableTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Frames a socket may send per second, on average; more are refused with RATE_LIMITED. Default 10.</summary>
    public int MessagesPerSecond { get; set; } = 10;

    /// <summary>Frames a socket may send at once above the average. Default 20.</summary>
    public int MessageBurst { get; set; } = 20;

    /// <summary>Frames refused by the rate limit on one socket before it is closed (code 1008). Default 50.</summary>
    public int RateLimitStrikes { get; set; } = 50;

    /// <summary>
    /// HTTP API requests (<c>/conversations</c>) one user may make per second, on average; more are refused
    /// with 429 RATE_LIMITED. The user is the token's subject, or the client's address when authentication
    /// is off. Default 20.
    /// </summary>
    public int HttpRequestsPerSecond { get; set; } = 20;

    /// <summary>HTTP API requests one user may make at once above the average. Default 40.</summary>
    public int HttpRequestBurst { get; set; } = 40;

    /// <summary>
    /// Frames waiting to be written to one socket. A client that lets more pile up is too slow: it is
    /// disconnected and may resume by <c>last_seq</c>. Default 1,024.
    /// </summary>
    public int OutboundQueueFrames { get; set; } = 1024;

    /// <summary>
    /// The kernel send buffer of a conversation socket, in bytes (the operating system may double it). Without
    /// a bound Linux grows it up to <c>net.ipv4.tcp_wmem</c>'s maximum (4 MiB by default, about 2 MiB of
    /// frames), so a client that stops reading would be handed that much before the outbound queue even began
    /// to fill. A stream of replies needs far less. 0 leaves it to the operating system. Default 65,536.
    /// </summary>
    public int SocketSendBufferBytes { get; set; } = 64 * 1024;

    /// <summary>A socket with no frame from its client for this long is closed (code 1001). Default 5 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often WebSocket pings are sent. Default 15 seconds.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A socket whose client does not answer a ping within this time is dropped. Default 15 seconds.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// While a turn is open (acknowledged, not yet answered), a socket that received no frame for this long
    /// asks the conversation for what it missed. This is how a client whose conversation's silo died keeps
    /// going without reconnecting: the request reactivates the conversation elsewhere, which answers the
    /// turn. Default 2 seconds.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a call to a conversation keeps being retried while the cluster changes under it (a silo
    /// died and membership has not caught up yet). Default 15 seconds.
    /// </summary>
    public TimeSpan ClusterChangeRetry { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long <c>POST /conversations/{id}/transition</c> waits for the reply before answering 202 with
    /// <c>status: pending</c> (the turn goes on and its reply is stored). Default 60 seconds.
    /// </summary>
    public TimeSpan HttpTurnTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a closing handshake may take before the socket is aborted. Default 5 seconds.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long shutdown waits for sockets to close after telling clients to reconnect. Default 10 seconds.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
