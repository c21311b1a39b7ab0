using Conversations.Grains.Persistence;
using Conversations.Silo.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Conversations.Durability.Tests;

// The filter is checked against the queries Orleans really runs: the ones the schema installs in OrleansQuery.
[Collection(PostgresCollection.Name)]
public sealed class ClusterQuerySpanFilterTests(PostgresFixture postgres)
{
    private static readonly string[] Dropped =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowsKey", "ReadReminderRowKey",
    ];

    private static readonly string[] Kept =
    [
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task MembershipStatementsAndReminderReadsAreDroppedAndGrainStateAndReminderWritesKept()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.NewDatabaseAsync());
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var queries = new Dictionary<string, string>();
        await using (var command = dataSource.CreateCommand("SELECT QueryKey, QueryText FROM OrleansQuery"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                queries[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.Equal(Dropped.Concat(Kept).Order(), queries.Keys.Order());
        Assert.All(Dropped, key => Assert.True(ClusterQuerySpanFilter.IsClusterBookkeeping(queries[key]), $"{key} is traced"));
        Assert.All(Kept, key => Assert.False(ClusterQuerySpanFilter.IsClusterBookkeeping(queries[key]), $"{key} is not traced"));
        Assert.False(ClusterQuerySpanFilter.IsClusterBookkeeping("SELECT version, payload FROM conversation_snapshots WHERE service_id = @service"));
    }
}
