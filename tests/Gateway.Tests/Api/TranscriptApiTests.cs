using System.Net;
using Conversations.Gateway.Tests.EndToEnd;

namespace Conversations.Gateway.Tests.Api;

// The whole transcript, page by page, and the profile a user's conversations fill, with authentication off.
[Collection(GatewayCollection.Name)]
public sealed class TranscriptApiTests(GatewayFixture fixture) : IDisposable
{
    private readonly ApiCall _api = new(fixture.Host.HttpUri);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task MoreTurnsThanTheCheckpointKeepsArePagedThroughCompletelyInOrder()
    {
        const int Turns = 13;
        var id = await CreateAsync($"user-{Guid.NewGuid():N}");
        for (var i = 1; i <= Turns; i++)
        {
            var turn = await _api.PostAsync($"/conversations/{id}/transition", new { message = $"question number {i} about reports", message_id = $"t{i}" });
            Assert.Equal(HttpStatusCode.OK, turn.Status);
        }

        var recent = (await _api.GetAsync($"/conversations/{id}")).Body.GetProperty("checkpoint").GetProperty("recent_turns").GetArrayLength();
        Assert.True(recent < Turns, $"the checkpoint keeps {recent} turns");

        var seen = new List<(int Turn, string Message, string Reply)>();
        var cursors = new List<int?>();
        int? after = 0;
        while (after is { } from)
        {
            var page = await _api.GetAsync($"/conversations/{id}/turns?after={from}&limit=5");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(Turns, page.Body.GetProperty("turn_count").GetInt32());
            Assert.Equal(from, page.Body.GetProperty("after").GetInt32());
            seen.AddRange(page.Body.GetProperty("turns").EnumerateArray().Select(t =>
                (t.GetProperty("turn").GetInt32(), t.GetProperty("user_message").GetString()!, t.GetProperty("reply").GetString()!)));
            after = page.Body.TryGetProperty("next", out var next) ? next.GetInt32() : null;
            cursors.Add(after);
        }

        Assert.Equal([5, 10, null], cursors);
        Assert.Equal(Enumerable.Range(1, Turns), seen.Select(t => t.Turn));
        Assert.Equal(Enumerable.Range(1, Turns).Select(i => $"question number {i} about reports"), seen.Select(t => t.Message));
        Assert.All(seen, t => Assert.False(string.IsNullOrWhiteSpace(t.Reply)));
    }

    [Fact]
    public async Task APageAfterTheLastTurnIsEmptyAndBadCursorsAreRefused()
    {
        var id = await CreateAsync($"user-{Guid.NewGuid():N}", "hello");

        var past = await _api.GetAsync($"/conversations/{id}/turns?after=1");
        var negative = await _api.GetAsync($"/conversations/{id}/turns?after=-1");
        var tooMany = await _api.GetAsync($"/conversations/{id}/turns?limit=101");
        var unknown = await _api.GetAsync($"/conversations/nobody-{Guid.NewGuid():N}/turns");

        Assert.Equal(HttpStatusCode.OK, past.Status);
        Assert.Equal(0, past.Body.GetProperty("turns").GetArrayLength());
        Assert.False(past.Body.TryGetProperty("next", out _));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (negative.Status, tooMany.Status));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task TheProfileIsFilledWithTheNameAndSlotsLearnedInConversation()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var empty = await _api.GetAsync($"/users/{user}/profile");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.False(empty.Body.TryGetProperty("team_size", out _));

        var id = await CreateAsync(user);
        await _api.PostAsync($"/conversations/{id}/transition", new { message = "Hi, we are a team of 6 and need help with Instagram DMs", user_name = "Ann" });
        await _api.PostAsync($"/conversations/{id}/transition", new { message = "we need it under $100 a month" });

        var profile = await Eventually.GetAsync(
            () => _api.GetAsync($"/users/{user}/profile"),
            p => p.Body.TryGetProperty("budget", out _));
        Assert.Equal(user, profile.Text("user_id"));
        Assert.Equal("Ann", profile.Text("name"));
        Assert.Equal(6, profile.Body.GetProperty("team_size").GetInt32());
        Assert.Equal("Instagram DMs", profile.Text("need"));
        Assert.Equal("under $100 a month", profile.Text("budget"));
        Assert.Equal(id, profile.Text("learned_from"));
    }

    private async Task<string> CreateAsync(string user, string? message = null)
    {
        var created = await _api.PostAsync("/conversations", message is null ? new { user_id = user } : new { user_id = user, message });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Text("conversation_id");
    }
}
