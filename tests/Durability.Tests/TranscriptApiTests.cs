using System.Net;

namespace Conversations.Durability.Tests;

// On PostgreSQL the transcript is read from conversation_turns, page by page, and a user's profile is stored:
// both come back after a full restart.
[Collection(PostgresCollection.Name)]
public sealed class TranscriptApiTests(PostgresFixture postgres)
{
    private const int Turns = 12;

    [Fact]
    public async Task TheWholeTranscriptIsPagedFromPostgresAndTheProfileSurvivesARestart()
    {
        var database = await postgres.NewDatabaseAsync();
        var user = $"user-{Guid.NewGuid():N}";
        string id;
        await using (var first = await GatewayHost.StartAsync(Settings.Durable(database, chunkDelay: null).AsArguments()))
        {
            using var api = new ApiCall(first.HttpUri);
            id = (await api.PostAsync("/conversations", new { user_id = user, user_name = "Ann", message = "Hi, we are a team of 6 and need help with WhatsApp" })).Text("conversation_id");
            for (var i = 2; i <= Turns; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/conversations/{id}/transition", new { message = $"question number {i} about reports" })).Status);
            }

            await Eventually.GetAsync(() => api.GetAsync($"/users/{user}/profile"), p => p.Body.TryGetProperty("team_size", out _));
        }

        Assert.Equal(Turns, await StoredTurnsAsync(database, id));
        await using var second = await GatewayHost.StartAsync(Settings.Durable(database, chunkDelay: null).AsArguments());
        using var again = new ApiCall(second.HttpUri);
        var seen = new List<int>();
        var pages = 0;
        int? after = 0;
        while (after is { } from)
        {
            var page = await again.GetAsync($"/conversations/{id}/turns?after={from}&limit=4");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Body.GetProperty("turns").EnumerateArray().Select(t => t.GetProperty("turn").GetInt32()));
            after = page.Body.TryGetProperty("next", out var next) ? next.GetInt32() : null;
            pages++;
        }

        var profile = await again.GetAsync($"/users/{user}/profile");

        Assert.Equal(Enumerable.Range(1, Turns), seen);
        Assert.Equal(3, pages);
        Assert.Equal("Ann", profile.Text("name"));
        Assert.Equal(6, profile.Body.GetProperty("team_size").GetInt32());
        Assert.Equal("WhatsApp", profile.Text("need"));
    }

    private static async Task<long> StoredTurnsAsync(string database, string conversationId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM conversation_turns WHERE conversation_id = @id", connection);
        command.Parameters.AddWithValue("id", conversationId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
