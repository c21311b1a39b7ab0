using System.Net;

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
            using var api = new ApiCall(first.HttpUri);
            for (var i = 0; i < 3; i++)
            {
                var created = await api.PostAsync("/conversations", new { user_id = user, message = $"hello {i}" });
                Assert.Equal(HttpStatusCode.Created, created.Status);
                ids.Add(created.Text("conversation_id"));
            }

            var rated = await api.PostAsync($"/conversations/{ids[1]}/feedback", new { turn = 1, rating = 4, comment = "kept" });
            Assert.Equal(HttpStatusCode.OK, rated.Status);
        }

        await using var second = await GatewayHost.StartAsync(Settings.Durable(database).AsArguments());
        using var again = new ApiCall(second.HttpUri);
        var list = (await again.GetAsync($"/conversations?user_id={user}")).Body;
        var read = (await again.GetAsync($"/conversations/{ids[1]}")).Body;

        ids.Reverse();
        Assert.Equal(ids, list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("conversation_id").GetString()));
        var feedback = Assert.Single(read.GetProperty("feedback").EnumerateArray());
        Assert.Equal((4, "kept"), (feedback.GetProperty("rating").GetInt32(), feedback.GetProperty("comment").GetString()));
        Assert.Equal(1, read.GetProperty("checkpoint").GetProperty("turn_count").GetInt32());
    }
}
