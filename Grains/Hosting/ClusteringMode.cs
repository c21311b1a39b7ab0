namespace Conversations.Grains.Hosting;

/// <summary>How silos find each other.</summary>
public enum ClusteringMode
{
    /// <summary>A single silo on this machine, no database (the embedded default).</summary>
    Localhost = 0,

    /// <summary>Membership in PostgreSQL (<c>ConnectionStrings:Postgres</c>): any number of silos and gateways.</summary>
    Postgres = 1,
}
