namespace Conversations.Grains.Health;

/// <summary>Tags that sort health checks into endpoints.</summary>
public static class HealthTags
{
    /// <summary>Checks behind <c>/health/ready</c>.</summary>
    public const string Ready = "ready";

    /// <summary>The check of the Orleans cluster.</summary>
    public const string ClusterCheck = "cluster";

    /// <summary>The check of the storage (PostgreSQL).</summary>
    public const string StorageCheck = "storage";
}
