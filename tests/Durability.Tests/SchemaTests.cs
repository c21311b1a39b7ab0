using Conversations.Grains.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Durability.Tests;

[Collection(PostgresCollection.Name)]
public sealed class SchemaTests(PostgresFixture postgres)
{
    [Fact]
    public async Task MigrateCommandTwiceChangesNothing()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        var silo = Path.Combine(RepositoryPaths.Output("Silo"), "Conversations.Silo.dll");
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Postgres"] = connectionString };

        var first = await DotnetCommand.RunAsync(silo, ["migrate"], settings);
        var afterFirst = await DescribeSchemaAsync(connectionString);
        var second = await DotnetCommand.RunAsync(silo, ["migrate"], settings);
        var afterSecond = await DescribeSchemaAsync(connectionString);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains($"applied {SchemaMigrator.Scripts.Count} of {SchemaMigrator.Scripts.Count}", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains($"applied 0 of {SchemaMigrator.Scripts.Count}", second.Output, StringComparison.Ordinal);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Contains("conversation_turns", afterFirst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryScriptCanRunAgainOnItsOwnWithoutChangingTheSchema()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var before = await DescribeSchemaAsync(connectionString);

        foreach (var script in SchemaMigrator.Scripts)
        {
            await using var command = dataSource.CreateCommand(script.Sql);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(before, await DescribeSchemaAsync(connectionString));
    }

    [Fact]
    public async Task MigrateWithoutAConnectionStringSaysWhatToSet()
    {
        var silo = Path.Combine(RepositoryPaths.Output("Silo"), "Conversations.Silo.dll");
        var result = await DotnetCommand.RunAsync(silo, ["migrate"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ConnectionStrings__Postgres", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableDatabaseStopsStartUpWithAClearMessage()
    {
        var closedPort = FreePort.Next();
        var settings = Settings.Durable($"Host=127.0.0.1;Port={closedPort};Database=nowhere;Username=postgres;Timeout=2");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(settings.AsArguments()));

        Assert.Contains($"Cannot use PostgreSQL at 127.0.0.1:{closedPort}, database 'nowhere'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Postgres", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedConnectionStringIsRefusedNamingTheKey()
    {
        var settings = Settings.Durable("Host=127.0.0.1;Bogus Key=1");
        var failure = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => GatewayHost.StartAsync(settings.AsArguments()));
        Assert.Contains("ConnectionStrings:Postgres is not a valid PostgreSQL connection string", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingConnectionStringIsRefusedNamingTheKey()
    {
        var failure = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => GatewayHost.StartAsync("--Cluster:Storage", "Postgres"));
        Assert.Contains("ConnectionStrings:Postgres is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabaseWithoutTheSchemaStopsStartUpSayingHowToMigrate()
    {
        var settings = Settings.Durable(await postgres.NewDatabaseAsync());
        settings["Cluster:MigrateOnStart"] = "false";
        var failure = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => GatewayHost.StartAsync(settings.AsArguments()));
        Assert.Contains("lacks schema", failure.Message, StringComparison.Ordinal);
        Assert.Contains("migrate", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReleasedScriptEditedAfterItWasAppliedStopsMigrationAndStartUpNamingIt()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync(CancellationToken.None);

        // What the database recorded for 005 is no longer what the script says: as if the file had been edited.
        await using (var edit = dataSource.CreateCommand("UPDATE schema_migrations SET checksum = md5('an older 005') WHERE version = 5"))
        {
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        }

        var migrating = await Assert.ThrowsAsync<SchemaScriptChangedException>(() => migrator.MigrateAsync(CancellationToken.None));
        Assert.Equal([5], migrating.Scripts.Select(s => s.Version));
        Assert.Contains("005_conversation_turns.sql", migrating.Message, StringComparison.Ordinal);

        var settings = Settings.Durable(connectionString);
        settings["Cluster:MigrateOnStart"] = "false";
        var starting = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => GatewayHost.StartAsync(settings.AsArguments()));
        Assert.Contains("005_conversation_turns.sql changed after the database applied it", starting.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseMigratedBeforeChecksumsGetsTheChecksumsOfTheScriptsAsTheyAre()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync(CancellationToken.None);
        await using (var old = dataSource.CreateCommand("ALTER TABLE schema_migrations DROP COLUMN checksum"))
        {
            await old.ExecuteNonQueryAsync();
        }

        Assert.Empty(await migrator.MissingAsync(CancellationToken.None));
        Assert.Empty(await migrator.MigrateAsync(CancellationToken.None));

        await using var read = dataSource.CreateCommand("SELECT version, checksum FROM schema_migrations ORDER BY version");
        await using var reader = await read.ExecuteReaderAsync();
        var recorded = new Dictionary<int, string>();
        while (await reader.ReadAsync())
        {
            recorded[reader.GetInt32(0)] = reader.GetString(1);
        }

        Assert.Equal(SchemaMigrator.Scripts.ToDictionary(s => s.Version, s => s.Checksum), recorded);
    }

    // Tables, columns, indexes and the Orleans queries: what a migration could change.
    private static async Task<string> DescribeSchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT string_agg(line, E'\n' ORDER BY line) FROM (
                SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS line
                FROM information_schema.columns WHERE table_schema = 'public'
                UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
                UNION ALL SELECT 'migration ' || version || ' ' || name FROM schema_migrations
                UNION ALL SELECT 'query ' || md5(string_agg(q::text, ',' ORDER BY q::text)) FROM orleansquery q
            ) lines
            """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
