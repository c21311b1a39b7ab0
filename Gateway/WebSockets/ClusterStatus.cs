namespace Conversations.Gateway.WebSockets;

/// <summary>
/// Whether this gateway reaches the cluster, as <see cref="ClusterWatch"/> last found it. A socket is not
/// accepted while it does not: the client is refused before the upgrade (503) and tries another node, instead of
/// being accepted and then told to go. Always reachable in the embedded default, where the silo is in the process.
/// </summary>
internal sealed class ClusterStatus
{
    private volatile bool _unreachable;

    /// <summary>Whether the last probe of the cluster failed.</summary>
    public bool Unreachable => _unreachable;

    /// <summary>Records what the last probe found.</summary>
    public void Probed(bool answered) => _unreachable = !answered;
}
