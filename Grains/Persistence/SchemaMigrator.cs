using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Conversations.Grains.Persistence;

/// <summary>
/// Applies the database schema (<c>deploy/sql/NNN_name.sql</c>, embedded in this assembly) that PostgreSQL
/// does not have yet, in order, in one transaction, recording each in <c>schema_migrations</c>. A script whose
/// data must be converted by code (007 moves checkpoints into the log) has that step run right after it, in
/// the same transaction. Running it again changes nothing; two migrators at once wait for each other. Each
/// script's checksum is recorded with it, and a released script that was edited afterwards stops both migration
/// and start-up (<see cref="SchemaScriptChangedException"/>): a change to the schema is a new script.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    // An arbitrary constant shared by every migrator of this schema, for pg_advisory_xact_lock.
    private const long LockKey = 0x436f6e7653716c;

    /// <summary>The schema scripts, in the order they apply.</summary>
    public static IReadOnlyList<SchemaScript> Scripts { get; } = LoadScripts();

    /// <summary>Applies what is missing; returns the scripts applied now.</summary>
    public async Task<IReadOnlyList<SchemaScript>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await ExecuteAsync(
            connection,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), checksum text)",
            cancellationToken);

        // Databases migrated before checksums were recorded get the column, and the checksums of the scripts
        // as they are now: nothing older can be compared.
        await ExecuteAsync(connection, "ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text", cancellationToken);
        var applied = await AppliedAsync(connection, cancellationToken);
        foreach (var script in Scripts.Where(s => applied.TryGetValue(s.Version, out var checksum) && checksum is null))
        {
            await using var backfill = new NpgsqlCommand("UPDATE schema_migrations SET checksum = @checksum WHERE version = @version", connection);
            backfill.Parameters.AddWithValue("checksum", script.Checksum);
            backfill.Parameters.AddWithValue("version", script.Version);
            await backfill.ExecuteNonQueryAsync(cancellationToken);
            applied[script.Version] = script.Checksum;
        }

        ThrowIfEdited(applied);
        var now = new List<SchemaScript>();
        foreach (var script in Scripts.Where(s => !applied.ContainsKey(s.Version)))
        {
            await ExecuteAsync(connection, script.Sql, cancellationToken);
            if (script.Version == LegacyCheckpointMigration.Version)
            {
                var moved = await LegacyCheckpointMigration.RunAsync(connection, cancellationToken);
                LogCheckpointsMoved(moved);
            }

            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)", connection);
            record.Parameters.AddWithValue("version", script.Version);
            record.Parameters.AddWithValue("name", script.Name);
            record.Parameters.AddWithValue("checksum", script.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
            LogApplied(script.Version, script.Name);
            now.Add(script);
        }

        await transaction.CommitAsync(cancellationToken);
        return now;
    }

    /// <summary>
    /// The scripts the database lacks (all of them when it has no schema at all); throws
    /// <see cref="SchemaScriptChangedException"/> when an applied script was edited since.
    /// </summary>
    public async Task<IReadOnlyList<SchemaScript>> MissingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return Scripts;
        }

        var applied = await AppliedAsync(connection, cancellationToken);
        ThrowIfEdited(applied);
        return Scripts.Where(s => !applied.ContainsKey(s.Version)).ToArray();
    }

    // Version -> recorded checksum (null where it was applied before checksums were recorded). Read through
    // to_jsonb so that a table without the column yet reads as nulls.
    private static async Task<Dictionary<int, string?>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand("SELECT version, to_jsonb(m) ->> 'checksum' FROM schema_migrations m", connection);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<int, string?>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return applied;
    }

    private static void ThrowIfEdited(Dictionary<int, string?> applied)
    {
        var edited = Scripts.Where(s => applied.TryGetValue(s.Version, out var checksum) && checksum is not null && checksum != s.Checksum).ToArray();
        if (edited.Length > 0)
        {
            throw new SchemaScriptChangedException(edited);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<SchemaScript> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }

        return [.. scripts.OrderBy(s => s.Version)];
    }

    [GeneratedRegex(@"^sql/(\d{3})_([a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Moved {Conversations} conversations from their grain-storage checkpoint into the log")]
    private partial void LogCheckpointsMoved(int conversations);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Applied schema {Version:000} {Name}")]
    private partial void LogApplied(int version, string name);
}
