namespace Conversations.Durability.Tests;

/// <summary>One throwaway PostgreSQL server for the durability tests; each test makes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A new empty database with a unique name.</summary>
    public Task<string> NewDatabaseAsync() => Server.CreateDatabaseAsync($"t_{Guid.NewGuid():N}");
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
