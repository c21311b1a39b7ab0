namespace Conversations.Grains.Hosting;

/// <summary>
/// How a process joins the Orleans cluster (configuration section <c>Cluster</c>). The <c>Orleans</c> section
/// is Orleans' own: it reads provider settings from there at start-up, so ours live beside it.
/// </summary>
public sealed class ClusterSettings
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cluster";

    /// <summary>The cluster's id; silos and clients with the same id form one cluster. Default <c>conversations</c>.</summary>
    public string ClusterId { get; set; } = "conversations";

    /// <summary>The service's id; storage is keyed by it, so keep it across deployments. Default <c>conversations</c>.</summary>
    public string ServiceId { get; set; } = "conversations";

    /// <summary>How silos find each other. Default <see cref="ClusteringMode.Localhost"/> (one process).</summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    /// <summary>Where grain state lives. Default <see cref="StorageMode.Memory"/> (lost when the process stops).</summary>
    public StorageMode Storage { get; set; } = StorageMode.Memory;

    /// <summary>The port silos talk to each other on. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients (gateways) connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// How often the stream pulling agents look for new frames when their queues were empty. Default 10 ms:
    /// the memory stream provider's own default (100 ms) would add up to that much to every frame's latency.
    /// </summary>
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromMilliseconds(10);
}
