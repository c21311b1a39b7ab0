using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Tests.Api;

/// <summary>A gateway with authentication on, shared by the authentication tests.</summary>
public sealed class AuthGatewayFixture : IAsyncLifetime
{
    public GatewayHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await GatewayHost.StartAsync("--Auth:Enabled", "true", "--Auth:SigningKey", TestTokens.SigningKey);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class AuthTests(AuthGatewayFixture fixture) : IClassFixture<AuthGatewayFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task ARequestWithoutATokenIsRefusedOnHttpAndWebSocket()
    {
        using var anonymous = new ApiCall(Host.HttpUri);

        var create = await anonymous.PostAsync("/conversations", new { user_id = "ann" });
        var list = await anonymous.GetAsync("/conversations?user_id=ann");
        var socket = await RawUpgrade.SendAsync(Host.HttpUri, $"/ws/conversation/{Guid.NewGuid():N}?user_id=ann");

        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), (create.Status, create.ErrorCode));
        Assert.Contains("bearer token is required", create.Text("message"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), (list.Status, list.ErrorCode));
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), socket);
    }

    [Fact]
    public async Task AnExpiredTokenIsRefused()
    {
        var expired = TestTokens.Issue("ann", lifetime: TimeSpan.FromMinutes(-5));
        using var api = new ApiCall(Host.HttpUri, expired);

        var response = await api.PostAsync("/conversations", new { });
        var socket = await RawUpgrade.SendAsync(Host.HttpUri, $"/ws/conversation/{Guid.NewGuid():N}?access_token={expired}");

        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), (response.Status, response.ErrorCode));
        Assert.Contains("expired", response.Text("message"), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), socket);
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyIsRefused()
    {
        var forged = TestTokens.Issue("ann", key: "another-key-that-is-also-32-bytes-long-at-least");
        using var api = new ApiCall(Host.HttpUri, forged);

        var response = await api.PostAsync("/conversations", new { });
        var socket = await RawUpgrade.SendAsync(Host.HttpUri, $"/ws/conversation/{Guid.NewGuid():N}?access_token={forged}");

        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), (response.Status, response.ErrorCode));
        Assert.Contains("signature", response.Text("message"), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), socket);
    }

    [Fact]
    public async Task ATokenThatNamesNoUserIsRefused()
    {
        using var api = new ApiCall(Host.HttpUri, TestTokens.Issue(subject: null));

        var response = await api.PostAsync("/conversations", new { user_id = "ann" });

        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (response.Status, response.ErrorCode));
    }

    [Fact]
    public async Task TheTokensSubjectIsTheUserAndAnotherUserIdIsRefused()
    {
        var user = NewUser();
        using var api = new ApiCall(Host.HttpUri, TestTokens.Issue(user));

        var created = await api.PostAsync("/conversations", new { message = "hello" });
        var pretending = await api.PostAsync("/conversations", new { user_id = "someone-else" });
        var listed = await api.GetAsync("/conversations");
        var othersList = await api.GetAsync("/conversations?user_id=someone-else");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(user, created.Text("user_id"));
        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (pretending.Status, pretending.ErrorCode));
        Assert.Equal(created.Text("conversation_id"), Assert.Single(listed.Body.GetProperty("items").EnumerateArray()).GetProperty("conversation_id").GetString());
        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (othersList.Status, othersList.ErrorCode));
    }

    [Fact]
    public async Task AUserCannotReadOrWriteAnotherUsersConversationOverHttp()
    {
        using var owner = new ApiCall(Host.HttpUri, TestTokens.Issue(NewUser()));
        using var intruder = new ApiCall(Host.HttpUri, TestTokens.Issue(NewUser()));
        var id = (await owner.PostAsync("/conversations", new { message = "hello" })).Text("conversation_id");
        var before = await owner.GetAsync($"/conversations/{id}");

        var read = await intruder.GetAsync($"/conversations/{id}");
        var write = await intruder.PostAsync($"/conversations/{id}/transition", new { message = "I am not who you think" });
        var rate = await intruder.PostAsync($"/conversations/{id}/feedback", new { turn = 1, rating = 1 });

        foreach (var refused in new[] { read, write, rate })
        {
            Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (refused.Status, refused.ErrorCode));
        }

        var after = await owner.GetAsync($"/conversations/{id}");
        Assert.Equal(before.Body.GetRawText(), after.Body.GetRawText());
    }

    [Fact]
    public async Task ATranscriptIsReadByItsOwnerAndAProfileByItsUserOrAnOperator()
    {
        var user = NewUser();
        using var owner = new ApiCall(Host.HttpUri, TestTokens.Issue(user));
        using var intruder = new ApiCall(Host.HttpUri, TestTokens.Issue(NewUser()));
        using var operatorApi = new ApiCall(Host.HttpUri, TestTokens.Issue(subject: null, role: TestTokens.OperatorRole));
        using var anonymous = new ApiCall(Host.HttpUri);
        var id = (await owner.PostAsync("/conversations", new { message = "hello, we are a team of 6" })).Text("conversation_id");

        var ownTurns = await owner.GetAsync($"/conversations/{id}/turns");
        var othersTurns = await intruder.GetAsync($"/conversations/{id}/turns");
        var ownProfile = await owner.GetAsync($"/users/{user}/profile");
        var othersProfile = await intruder.GetAsync($"/users/{user}/profile");
        var operatorsView = await operatorApi.GetAsync($"/users/{user}/profile");
        var noToken = await anonymous.GetAsync($"/users/{user}/profile");

        Assert.Equal(HttpStatusCode.OK, ownTurns.Status);
        Assert.Equal(1, ownTurns.Body.GetProperty("turns").GetArrayLength());
        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (othersTurns.Status, othersTurns.ErrorCode));
        Assert.Equal(HttpStatusCode.OK, ownProfile.Status);
        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (othersProfile.Status, othersProfile.ErrorCode));
        Assert.Equal(HttpStatusCode.OK, operatorsView.Status);
        Assert.Equal(user, operatorsView.Text("user_id"));
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), (noToken.Status, noToken.ErrorCode));
    }

    [Fact]
    public async Task AUserCannotOpenAnotherUsersConversationOverWebSocket()
    {
        var ownerToken = TestTokens.Issue(NewUser());
        var intruderToken = TestTokens.Issue(NewUser());
        var id = $"auth-{Guid.NewGuid():N}";
        await using (var owner = await Host.ConnectAsync(id, query: $"access_token={ownerToken}"))
        {
            await owner.SendMessageAsync("m1", "hello");
            await owner.UntilAsync(f => f.IsReply(1));
        }

        var intruder = await RawUpgrade.SendAsync(Host.HttpUri, $"/ws/conversation/{id}?access_token={intruderToken}");
        await using var ownerAgain = await Host.ConnectAsync(id, lastSeq: 0, query: $"access_token={ownerToken}");
        var replay = await ownerAgain.UntilAsync(f => f.IsReply(1));

        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), intruder);
        Assert.Equal("m1", replay.First(f => f.Type == "ack").Id);
    }

    [Fact]
    public void OutsideTheEmbeddedModeAuthenticationIsOnAndNeedsAKey()
    {
        var failure = Assert.ThrowsAny<Exception>(() =>
            Hosting.GatewayApp.Build(["--Gateway:Mode", "Client", "--urls", "http://127.0.0.1:0"]).Services.GetRequiredService<IOptions<Auth.AuthOptions>>().Value);

        Assert.Contains("Auth:SigningKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConnectionLimitPerUserCountsTheTokensUser()
    {
        await using var gateway = await GatewayHost.StartAsync("--Auth:Enabled", "true", "--Auth:SigningKey", TestTokens.SigningKey, "--Gateway:MaxConnectionsPerUser", "1");
        var token = TestTokens.Issue(NewUser());
        await using var first = await gateway.ConnectAsync($"auth-{Guid.NewGuid():N}", query: $"access_token={token}");

        var second = await RawUpgrade.SendAsync(gateway.HttpUri, $"/ws/conversation/auth-{Guid.NewGuid():N}?access_token={token}");
        var otherUser = await RawUpgrade.SendAsync(gateway.HttpUri, $"/ws/conversation/auth-{Guid.NewGuid():N}?access_token={TestTokens.Issue(NewUser())}");

        Assert.Equal((HttpStatusCode.TooManyRequests, "TOO_MANY_CONNECTIONS"), second);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, otherUser.Status);
    }

    [Fact]
    public async Task TheHttpApiIsRateLimitedPerUser()
    {
        await using var gateway = await GatewayHost.StartAsync(
            "--Auth:Enabled", "true", "--Auth:SigningKey", TestTokens.SigningKey, "--Gateway:HttpRequestsPerSecond", "1", "--Gateway:HttpRequestBurst", "3");
        using var busy = new ApiCall(gateway.HttpUri, TestTokens.Issue(NewUser()));
        using var other = new ApiCall(gateway.HttpUri, TestTokens.Issue(NewUser()));

        var statuses = new List<HttpStatusCode>();
        ApiResponse last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await busy.GetAsync("/conversations");
            statuses.Add(last.Status);
        }

        var otherUser = await other.GetAsync("/conversations");

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal((HttpStatusCode.TooManyRequests, "RATE_LIMITED"), (last.Status, last.ErrorCode));
        Assert.Equal(HttpStatusCode.OK, otherUser.Status);
    }

    private static string NewUser() => $"user-{Guid.NewGuid():N}";
}
