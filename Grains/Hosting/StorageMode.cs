namespace Conversations.Grains.Hosting;

/// <summary>Where grain state lives.</summary>
public enum StorageMode
{
    /// <summary>In the silo's memory: lost when the process stops.</summary>
    Memory = 0,

    /// <summary>In PostgreSQL (<c>ConnectionStrings:Postgres</c>): checkpoints, stream pub-sub, reminders and transcripts.</summary>
    Postgres = 1,
}
