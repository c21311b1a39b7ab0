using Conversations.Grains.Security;

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
    /// The address a silo advertises to the cluster (with <see cref="ClusteringMode.Postgres"/>). Default
    /// 127.0.0.1, for one machine; on a network set it to the host's or pod's address.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Whether a silo applies the database schema (<c>deploy/sql</c>) before it starts. Default
    /// <see langword="false"/>: run <c>Silo migrate</c> once per deployment instead.
    /// </summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>
    /// How long a conversation may sit unused in memory before its activation is collected (its state
    /// stays stored). Default 15 minutes.
    /// </summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The name of the connection string (under <c>ConnectionStrings</c>) used for PostgreSQL.</summary>
    public const string ConnectionStringName = "Postgres";

    /// <summary>The PostgreSQL connection string, read from <c>ConnectionStrings:Postgres</c>.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Whether PostgreSQL is used for anything, so <c>ConnectionStrings:Postgres</c> is needed.</summary>
    public bool UsesPostgres => Clustering == ClusteringMode.Postgres || Storage == StorageMode.Postgres;

    /// <summary>
    /// How often the stream pulling agents look for new frames when their queues were empty. Default 10 ms:
    /// the memory stream provider's own default (100 ms) would add up to that much to every frame's latency.
    /// </summary>
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How long a published frame stays in the silo's stream cache: at least this long, at most twice as long.
    /// Default 30 seconds. The memory stream provider's own defaults (5 to 30 minutes) hold every frame of the
    /// last minutes in memory under load; nothing here reads a frame from the cache after it was delivered
    /// (a socket that missed frames gets them from the conversation), so a short time is enough.
    /// </summary>
    public TimeSpan StreamCacheTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Mutual TLS on the silo and gateway ports (<c>Cluster:Tls</c>). Off by default (the embedded default and
    /// the local cluster talk over loopback); set the certificate, key and authority to turn it on.
    /// </summary>
    public ClusterTlsSettings Tls { get; set; } = new();
}
