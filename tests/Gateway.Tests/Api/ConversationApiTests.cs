using System.Net;
using System.Text.Json;
using Conversations.Gateway.Tests.EndToEnd;

namespace Conversations.Gateway.Tests.Api;

// The HTTP API with authentication off (the embedded default): the user is the user_id the client gives.
[Collection(GatewayCollection.Name)]
public sealed class ConversationApiTests(GatewayFixture fixture) : IDisposable
{
    private readonly ApiCall _api = new(fixture.Host.HttpUri);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreatingAConversationReturnsItsIdAndStateAndAFirstMessageIsAnswered()
    {
        var user = NewUser();

        var created = await _api.PostAsync("/conversations", new { user_id = user, user_name = "Ann", message = "Hi, we are looking for a CRM for our sales team" });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Text("conversation_id");
        Assert.Equal(user, created.Text("user_id"));
        var first = created.Body.GetProperty("first_turn");
        Assert.Equal("answered", first.GetProperty("status").GetString());
        Assert.Equal(1, first.GetProperty("turn").GetInt32());
        Assert.Equal("initial_contact", first.GetProperty("previous_state").GetString());
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("reply").GetString()));
        Assert.Equal(first.GetProperty("state").GetString(), created.Text("state"));

        var read = await _api.GetAsync($"/conversations/{id}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(1, read.Body.GetProperty("checkpoint").GetProperty("turn_count").GetInt32());
    }

    [Fact]
    public async Task ATransitionAnswersLikeASocketAndASocketOnTheConversationSeesItsFrames()
    {
        var id = await CreateAsync(NewUser());
        await using var socket = await fixture.Host.ConnectAsync(id);

        var turn = await _api.PostAsync($"/conversations/{id}/transition", new { message = "How much does it cost for 20 people?", user_name = "Ann", message_id = "h1" });

        Assert.Equal(HttpStatusCode.OK, turn.Status);
        Assert.Equal("answered", turn.Text("status"));
        Assert.Equal("h1", turn.Text("message_id"));
        var frames = await socket.UntilAsync(f => f.IsReply(1));
        var reply = frames[^1];
        Assert.Equal(reply.Content, turn.Text("reply"));
        Assert.Equal(reply.Root.GetProperty("state").GetString(), turn.Text("state"));
        Assert.Equal(reply.Root.GetProperty("previous_state").GetString(), turn.Text("previous_state"));
        Assert.Equal(reply.Seq, turn.Body.GetProperty("seq").GetInt64());
        Assert.Contains(frames, f => f.Type == "ack" && f.Id == "h1");
    }

    [Fact]
    public async Task AResentMessageIdReturnsTheSameTurnAndMakesNoSecond()
    {
        var id = await CreateAsync(NewUser());
        var first = await _api.PostAsync($"/conversations/{id}/transition", new { message = "hello there", message_id = "same" });

        var again = await _api.PostAsync($"/conversations/{id}/transition", new { message = "hello there", message_id = "same" });

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.True(again.Body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.Text("reply"), again.Text("reply"));
        Assert.Equal(first.Body.GetProperty("turn").GetInt32(), again.Body.GetProperty("turn").GetInt32());
        var read = await _api.GetAsync($"/conversations/{id}");
        Assert.Equal(1, read.Body.GetProperty("checkpoint").GetProperty("turn_count").GetInt32());
    }

    [Fact]
    public async Task ReadingAConversationGivesStateHistoryCheckpointAndFeedback()
    {
        var id = await CreateAsync(NewUser());
        await _api.PostAsync($"/conversations/{id}/transition", new { message = "Hi, we are looking for a CRM for our sales team" });
        await _api.PostAsync($"/conversations/{id}/transition", new { message = "We need pipeline tracking and reports for 20 reps" });
        await _api.PostAsync($"/conversations/{id}/feedback", new { turn = 2, rating = 4, comment = "useful" });

        var read = await _api.GetAsync($"/conversations/{id}");

        Assert.Equal(HttpStatusCode.OK, read.Status);
        var body = read.Body;
        var checkpoint = body.GetProperty("checkpoint");
        Assert.Equal(body.GetProperty("state").GetString(), checkpoint.GetProperty("state").GetString());
        Assert.Equal(2, checkpoint.GetProperty("recent_turns").GetArrayLength());
        Assert.False(string.IsNullOrWhiteSpace(checkpoint.GetProperty("summary").GetString()));
        var history = body.GetProperty("history").EnumerateArray().ToList();
        Assert.NotEmpty(history);
        Assert.Equal("initial_contact", history[0].GetProperty("from").GetString());
        Assert.Equal(body.GetProperty("state").GetString(), history[^1].GetProperty("to").GetString());
        var feedback = Assert.Single(body.GetProperty("feedback").EnumerateArray());
        Assert.Equal((2, 4, "useful"), (feedback.GetProperty("turn").GetInt32(), feedback.GetProperty("rating").GetInt32(), feedback.GetProperty("comment").GetString()));
    }

    [Fact]
    public async Task AnUnknownConversationIsNotFound()
    {
        var read = await _api.GetAsync($"/conversations/nobody-{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.Equal("NOT_FOUND", read.ErrorCode);
    }

    [Fact]
    public async Task AUsersConversationsAreListedNewestFirstInPages()
    {
        var user = NewUser();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreateAsync(user));
        }

        await CreateAsync(NewUser());
        var pages = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var list = await _api.GetAsync($"/conversations?user_id={user}&page={page}&page_size=2");
            Assert.Equal(HttpStatusCode.OK, list.Status);
            Assert.Equal(5, list.Body.GetProperty("total").GetInt32());
            pages.AddRange(list.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("conversation_id").GetString()!));
        }

        ids.Reverse();
        Assert.Equal(ids, pages);
    }

    [Fact]
    public async Task AConversationStartedOnASocketIsListedForItsUser()
    {
        var user = NewUser();
        var id = $"socket-{Guid.NewGuid():N}";
        await using (var socket = await fixture.Host.ConnectAsync(id, query: $"user_id={user}"))
        {
            await socket.SendMessageAsync("m1", "hello");
            await socket.UntilAsync(f => f.IsReply(1));
        }

        var list = await _api.GetAsync($"/conversations?user_id={user}");

        Assert.Equal(id, Assert.Single(list.Body.GetProperty("items").EnumerateArray()).GetProperty("conversation_id").GetString());
    }

    [Fact]
    public async Task FeedbackIsStoredPerTurnAndARatingAgainReplacesIt()
    {
        var id = await CreateAsync(NewUser(), "hello");

        var first = await _api.PostAsync($"/conversations/{id}/feedback", new { turn = 1, rating = 2 });
        var second = await _api.PostAsync($"/conversations/{id}/feedback", new { turn = 1, rating = 5, comment = "better on reflection" });
        var unknownTurn = await _api.PostAsync($"/conversations/{id}/feedback", new { turn = 7, rating = 5 });

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (unknownTurn.Status, unknownTurn.ErrorCode));
        var read = await _api.GetAsync($"/conversations/{id}");
        var feedback = Assert.Single(read.Body.GetProperty("feedback").EnumerateArray());
        Assert.Equal(5, feedback.GetProperty("rating").GetInt32());
        Assert.Equal("better on reflection", feedback.GetProperty("comment").GetString());
    }

    [Theory]
    [InlineData("POST", "/conversations/{id}/transition", "{\"message\": ", "application/json", 400, "INVALID_MESSAGE")]
    [InlineData("POST", "/conversations/{id}/transition", "{\"mesage\": \"typo\"}", "application/json", 400, "INVALID_MESSAGE")]
    [InlineData("POST", "/conversations/{id}/transition", "{\"message\": 42}", "application/json", 400, "INVALID_MESSAGE")]
    [InlineData("POST", "/conversations/{id}/transition", "{\"message\": \"   \"}", "application/json", 400, "INVALID_MESSAGE")]
    [InlineData("POST", "/conversations/{id}/transition", "[1, 2]", "application/json", 400, "INVALID_MESSAGE")]
    [InlineData("POST", "/conversations/{id}/transition", "null", "application/json", 400, "INVALID_MESSAGE")]
    [InlineData("POST", "/conversations/{id}/transition", "message=hi", "application/x-www-form-urlencoded", 415, "INVALID_MESSAGE")]
    [InlineData("POST", "/conversations/{id}/transition", "{\"message\": \"hi\", \"message_id\": \"\"}", "application/json", 400, "INVALID_MESSAGE")]
    [InlineData("POST", "/conversations/{id}/transition", "{\"message\": \"hi\", \"user_name\": \"<long>\"}", "application/json", 400, "INVALID_MESSAGE")]
    [InlineData("POST", "/conversations/{id}/transition", "{\"message\": \"<long>\"}", "application/json", 413, "MESSAGE_TOO_LARGE")]
    [InlineData("POST", "/conversations/{id}/transition", "{\"message\": \"<huge>\"}", "application/json", 413, "MESSAGE_TOO_LARGE")]
    [InlineData("POST", "/conversations/bad id!/transition", "{\"message\": \"hi\"}", "application/json", 400, "INVALID_CONVERSATION_ID")]
    [InlineData("POST", "/conversations/{id}/feedback", "{\"turn\": 1, \"rating\": 6}", "application/json", 400, "INVALID_MESSAGE")]
    [InlineData("POST", "/conversations/{id}/feedback", "{\"turn\": 0, \"rating\": 3}", "application/json", 400, "INVALID_MESSAGE")]
    [InlineData("POST", "/conversations/{id}/feedback", "{\"turn\": 1, \"rating\": \"5\"}", "application/json", 400, "INVALID_MESSAGE")]
    [InlineData("POST", "/conversations/{id}/feedback", "{\"turn\": 1, \"rating\": 3, \"comment\": \"<long>\"}", "application/json", 400, "INVALID_MESSAGE")]
    [InlineData("POST", "/conversations", "{\"message\": \"no user\"}", "application/json", 400, "INVALID_MESSAGE")]
    [InlineData("GET", "/conversations?page=1", "", "", 400, "INVALID_MESSAGE")]
    [InlineData("GET", "/conversations?user_id=u&page=0", "", "", 400, "INVALID_MESSAGE")]
    [InlineData("GET", "/conversations?user_id=u&page_size=1000", "", "", 400, "INVALID_MESSAGE")]
    [InlineData("DELETE", "/conversations/{id}", "", "", 405, "INVALID_MESSAGE")]
    public async Task ABadRequestGetsAClearErrorAndChangesNothing(string method, string path, string body, string contentType, int status, string code)
    {
        var id = await CreateAsync(NewUser(), "hello");
        var before = await _api.GetAsync($"/conversations/{id}");
        body = body.Replace("<long>", new string('x', 5000), StringComparison.Ordinal).Replace("<huge>", new string('x', 70_000), StringComparison.Ordinal);
        using var content = method == "GET" || method == "DELETE" ? null : new StringContent(body, System.Text.Encoding.UTF8, contentType);

        var response = await _api.SendAsync(new HttpMethod(method), path.Replace("{id}", id, StringComparison.Ordinal), content);

        Assert.Equal((HttpStatusCode)status, response.Status);
        Assert.Equal(code, response.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(response.Text("message")));
        var after = await _api.GetAsync($"/conversations/{id}");
        Assert.Equal(before.Body.GetRawText(), after.Body.GetRawText());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryEndpoint()
    {
        var document = await _api.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, document.Status);
        var paths = document.Body.GetProperty("paths");
        Assert.True(paths.GetProperty("/conversations").TryGetProperty("post", out var create));
        Assert.True(paths.GetProperty("/conversations").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/conversations/{conversationId}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/conversations/{conversationId}/transition").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/conversations/{conversationId}/feedback").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/conversations/{conversationId}/socket-ticket").TryGetProperty("post", out _));
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var schemas = document.Body.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("TurnResult").GetProperty("properties").TryGetProperty("previous_state", out _));
    }

    private async Task<string> CreateAsync(string user, string? message = null)
    {
        var created = await _api.PostAsync("/conversations", message is null ? new { user_id = user } : new { user_id = user, message });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Text("conversation_id");
    }

    private static string NewUser() => $"user-{Guid.NewGuid():N}";
}

// A gateway whose HTTP turns wait less than a reply takes.
public sealed class SlowHttpTurnTests
{
    [Fact]
    public async Task ATurnLongerThanTheWaitIsAcceptedAsPendingAndItsReplyIsStored()
    {
        await using var gateway = await GatewayHost.StartAsync("--Gateway:HttpTurnTimeout", "00:00:00.300", "--Responders:Offline:ChunkDelay", "00:00:00.100");
        using var api = new ApiCall(gateway.HttpUri);
        var id = $"slow-{Guid.NewGuid():N}";

        var turn = await api.PostAsync($"/conversations/{id}/transition", new { message = "Tell me everything about your product", message_id = "p1" });

        Assert.Equal(HttpStatusCode.Accepted, turn.Status);
        Assert.Equal("pending", turn.Text("status"));
        var answered = await Eventually.GetAsync(
            () => api.GetAsync($"/conversations/{id}"),
            read => read.Body.GetProperty("checkpoint").GetProperty("recent_turns").GetArrayLength() == 1);
        var again = await api.PostAsync($"/conversations/{id}/transition", new { message = "Tell me everything about your product", message_id = "p1" });
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("answered", again.Text("status"));
        Assert.Equal(JsonValueKind.Object, answered.Body.ValueKind);
    }
}
