namespace Conversations.Grains.Persistence;

/// <summary>
/// How conversations' logs are written to PostgreSQL (configuration section <c>Cluster:Log</c>): appends of
/// many conversations that wait at the same moment go to the database together, in one statement.
/// </summary>
public sealed class LogStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cluster:Log";

    /// <summary>
    /// Statements in flight at once, each on its own connection. Appends that arrive while they run wait for
    /// the next one (group commit). Default 2.
    /// </summary>
    public int Writers { get; set; } = 2;

    /// <summary>The most appends one statement carries. Default 256.</summary>
    public int MaxBatch { get; set; } = 256;
}
