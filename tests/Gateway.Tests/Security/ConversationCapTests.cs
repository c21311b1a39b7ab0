using System.Net;

namespace Conversations.Gateway.Tests.Security;

// One authenticated user cannot make the system store without bound.
public sealed class ConversationCapTests
{
    private static readonly string[] Auth = ["--Auth:Enabled", "true", "--Auth:SigningKey", TestTokens.SigningKey];

    [Fact]
    public async Task AnUpgradeRefusedForTheConnectionLimitStoresNoConversation()
    {
        await using var gateway = await GatewayHost.StartAsync([.. Auth, "--Gateway:MaxConnectionsPerUser", "1"]);
        var token = TestTokens.Issue($"user-{Guid.NewGuid():N}");
        using var api = new ApiCall(gateway.HttpUri, token);
        await using var held = await gateway.ConnectAsync($"cap-{Guid.NewGuid():N}", query: $"access_token={token}");

        var refusedId = $"cap-{Guid.NewGuid():N}";
        var refused = await RawUpgrade.SendAsync(gateway.HttpUri, $"/ws/conversation/{refusedId}?access_token={token}");
        var stored = await api.GetAsync($"/conversations/{refusedId}");
        var listed = await api.GetAsync("/conversations");

        Assert.Equal((HttpStatusCode.TooManyRequests, "TOO_MANY_CONNECTIONS"), refused);
        Assert.Equal(HttpStatusCode.NotFound, stored.Status);
        Assert.Equal(1, listed.Body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task PastItsCapAUserStartsNoConversationButKeepsTheirOwn()
    {
        await using var gateway = await GatewayHost.StartAsync([.. Auth, "--Gateway:MaxConversationsPerUser", "3"]);
        var token = TestTokens.Issue($"user-{Guid.NewGuid():N}");
        using var api = new ApiCall(gateway.HttpUri, token);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = await api.PostAsync("/conversations", new { });
            Assert.Equal(HttpStatusCode.Created, created.Status);
            ids.Add(created.Text("conversation_id"));
        }

        var overHttp = await api.PostAsync("/conversations", new { message = "one more" });
        var newId = $"cap-{Guid.NewGuid():N}";
        var overSocket = await RawUpgrade.SendAsync(gateway.HttpUri, $"/ws/conversation/{newId}?access_token={token}");
        var overTransition = await api.PostAsync($"/conversations/{newId}/transition", new { message = "hello" });
        var listed = await api.GetAsync("/conversations");

        Assert.Equal((HttpStatusCode.TooManyRequests, "TOO_MANY_CONVERSATIONS"), (overHttp.Status, overHttp.ErrorCode));
        Assert.Equal((HttpStatusCode.TooManyRequests, "TOO_MANY_CONVERSATIONS"), overSocket);
        Assert.Equal((HttpStatusCode.TooManyRequests, "TOO_MANY_CONVERSATIONS"), (overTransition.Status, overTransition.ErrorCode));
        Assert.Equal(3, listed.Body.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/conversations/{newId}")).Status);

        await using var own = await gateway.ConnectAsync(ids[0], query: $"access_token={token}");
        await own.SendMessageAsync("m1", "still mine");
        await own.UntilAsync(f => f.IsReply(1));
    }

    [Fact]
    public async Task UpgradesAreRateLimitedPerUser()
    {
        await using var gateway = await GatewayHost.StartAsync([.. Auth, "--Gateway:UpgradesPerSecond", "1", "--Gateway:UpgradeBurst", "2"]);
        var busy = TestTokens.Issue($"user-{Guid.NewGuid():N}");
        var statuses = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add(await RawUpgrade.SendAsync(gateway.HttpUri, $"/ws/conversation/rate-{Guid.NewGuid():N}?access_token={busy}"));
        }

        var other = await RawUpgrade.SendAsync(gateway.HttpUri, $"/ws/conversation/rate-{Guid.NewGuid():N}?access_token={TestTokens.Issue($"user-{Guid.NewGuid():N}")}");

        Assert.Equal(HttpStatusCode.SwitchingProtocols, statuses[0].Item1);
        Assert.Contains((HttpStatusCode.TooManyRequests, "RATE_LIMITED"), statuses);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, other.Status);
    }
}
