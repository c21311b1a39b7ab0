using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Conversations.Durability.Tests;

// The HTTP API on PostgreSQL storage: a user's list of conversations and the ratings of their turns are
// stored, not kept in memory.
[Collection(PostgresCollection.Name)]
public sealed class ApiRestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task AUsersConversationsAndRatingsSurviveAFullRestart()
    {
        var database = await postgres.NewDatabaseAsync();
        var user = $"user-{Guid.NewGuid():N}";
        var ids = new List<string>();
        await using (var first = await GatewayHost.StartAsync(Settings.Durable(database).AsArguments()))
        {
            using var http = new HttpClient { BaseAddress = first.HttpUri, Timeout = TimeSpan.FromSeconds(60) };
            for (var i = 0; i < 3; i++)
            {
                using var created = await http.PostAsJsonAsync("/conversations", new { user_id = user, message = $"hello {i}" });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                ids.Add((await Json(created)).GetProperty("conversation_id").GetString()!);
            }

            using var rated = await http.PostAsJsonAsync($"/conversations/{ids[1]}/feedback", new { turn = 1, rating = 4, comment = "kept" });
            Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        }

        await using var second = await GatewayHost.StartAsync(Settings.Durable(database).AsArguments());
        using var again = new HttpClient { BaseAddress = second.HttpUri, Timeout = TimeSpan.FromSeconds(60) };
        var list = await Json(await again.GetAsync($"/conversations?user_id={user}"));
        var read = await Json(await again.GetAsync($"/conversations/{ids[1]}"));

        ids.Reverse();
        Assert.Equal(ids, list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("conversation_id").GetString()));
        var feedback = Assert.Single(read.GetProperty("feedback").EnumerateArray());
        Assert.Equal((4, "kept"), (feedback.GetProperty("rating").GetInt32(), feedback.GetProperty("comment").GetString()));
        Assert.Equal(1, read.GetProperty("checkpoint").GetProperty("turn_count").GetInt32());
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.Clone();
        }
    }
}
