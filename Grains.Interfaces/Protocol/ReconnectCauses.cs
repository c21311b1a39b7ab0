namespace Conversations.Grains.Interfaces.Protocol;

/// <summary>The values of <c>system/reconnect</c>'s <c>metadata.cause</c>.</summary>
public static class ReconnectCauses
{
    /// <summary>The node is shutting down: reconnect, any node will do.</summary>
    public const string ShuttingDown = "shutting_down";

    /// <summary>The token the socket was opened with expired: get a fresh one, then reconnect with it.</summary>
    public const string TokenExpired = "token_expired";

    /// <summary>This node cannot reach the cluster: reconnect, another node will serve.</summary>
    public const string ClusterUnreachable = "cluster_unreachable";
}
