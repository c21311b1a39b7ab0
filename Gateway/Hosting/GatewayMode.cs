namespace Conversations.Gateway.Hosting;

/// <summary>How the gateway reaches the conversations.</summary>
public enum GatewayMode
{
    /// <summary>A silo runs in the gateway's own process (the one-process default).</summary>
    Embedded = 0,

    /// <summary>The gateway is a pure Orleans client of a cluster of separate silos.</summary>
    Client = 1,
}
