namespace Conversations.Grains.Persistence;

/// <summary>
/// A schema script that the database has applied was edited since: what the database holds is no longer what the
/// script says. Released scripts are never edited; a change is a new script.
/// </summary>
public sealed class SchemaScriptChangedException : InvalidOperationException
{
    /// <summary>For the edited scripts.</summary>
    public SchemaScriptChangedException(IReadOnlyList<SchemaScript> scripts)
        : base(
            $"Schema {string.Join(", ", scripts.Select(s => s.FileName))} changed after the database applied it (its checksum differs from the one " +
            "recorded in schema_migrations). A released script must not be edited: restore it, and put the change in a new script.")
    {
        Scripts = scripts;
    }

    /// <summary>The edited scripts.</summary>
    public IReadOnlyList<SchemaScript> Scripts { get; }
}
