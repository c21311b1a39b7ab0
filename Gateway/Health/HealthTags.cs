namespace Conversations.Gateway.Health;

/// <summary>Tags that sort health checks into endpoints.</summary>
public static class HealthTags
{
    /// <summary>Checks behind <c>/health/ready</c>.</summary>
    public const string Ready = "ready";
}
