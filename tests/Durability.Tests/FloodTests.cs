using System.Net;
using Npgsql;
using Xunit.Abstractions;

namespace Conversations.Durability.Tests;

// One authenticated user opening sockets for ever new conversation ids, as fast as the gateway lets them:
// what PostgreSQL holds afterwards is bounded by the per-user cap, not by the number of attempts.
[Collection(PostgresCollection.Name)]
public sealed class FloodTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Cap = 5;
    private const int Attempts = 120;

    [Fact]
    public async Task AFloodOfUpgradesForNewConversationsLeavesStorageBoundedByTheCap()
    {
        var database = await postgres.NewDatabaseAsync();
        var settings = Settings.Durable(database);
        settings["Auth:Enabled"] = "true";
        settings["Auth:SigningKey"] = TestTokens.SigningKey;
        settings["Gateway:MaxConversationsPerUser"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var gateway = await GatewayHost.StartAsync(settings.AsArguments());
        var token = TestTokens.Issue($"flood-{Guid.NewGuid():N}");
        var before = await CountRowsAsync(database);

        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Attempts; i++)
        {
            var (status, code) = await RawUpgrade.SendAsync(gateway.HttpUri, $"/ws/conversation/flood-{Guid.NewGuid():N}?access_token={token}");
            var outcome = status == HttpStatusCode.SwitchingProtocols ? "accepted" : code!;
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        var after = await CountRowsAsync(database);
        output.WriteLine($"{Attempts} upgrades for new conversations: {string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key}"))}; orleans_storage rows {before} -> {after}");

        // Each accepted conversation: its checkpoint and its stream's subscriptions; plus the user's list.
        Assert.Equal(Cap, outcomes["accepted"]);
        Assert.Equal(Attempts - Cap, outcomes.GetValueOrDefault("TOO_MANY_CONVERSATIONS") + outcomes.GetValueOrDefault("RATE_LIMITED"));
        Assert.InRange(after - before, 1, (2 * Cap) + 1);
    }

    private static async Task<long> CountRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_storage", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
