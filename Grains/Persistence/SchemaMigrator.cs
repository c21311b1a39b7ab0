using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Conversations.Grains.Persistence;

/// <summary>
/// Applies the database schema (<c>deploy/sql/NNN_name.sql</c>, embedded in this assembly) that PostgreSQL
/// does not have yet, in order, in one transaction, recording each in <c>schema_migrations</c>. A script whose
/// data must be converted by code (007 moves checkpoints into the log) has that step run right after it, in
/// the same transaction. Running it again changes nothing; two migrators at once wait for each other.
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
            "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken);

        var applied = await AppliedVersionsAsync(connection, cancellationToken);
        var now = new List<SchemaScript>();
        foreach (var script in Scripts.Where(s => !applied.Contains(s.Version)))
        {
            await ExecuteAsync(connection, script.Sql, cancellationToken);
            if (script.Version == LegacyCheckpointMigration.Version)
            {
                var moved = await LegacyCheckpointMigration.RunAsync(connection, cancellationToken);
                LogCheckpointsMoved(moved);
            }

            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", connection);
            record.Parameters.AddWithValue("version", script.Version);
            record.Parameters.AddWithValue("name", script.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
            LogApplied(script.Version, script.Name);
            now.Add(script);
        }

        await transaction.CommitAsync(cancellationToken);
        return now;
    }

    /// <summary>The scripts the database lacks (all of them when it has no schema at all).</summary>
    public async Task<IReadOnlyList<SchemaScript>> MissingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return Scripts;
        }

        var applied = await AppliedVersionsAsync(connection, cancellationToken);
        return Scripts.Where(s => !applied.Contains(s.Version)).ToArray();
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand("SELECT version FROM schema_migrations", connection);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
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
