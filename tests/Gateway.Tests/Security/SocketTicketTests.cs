using System.Net;

using Conversations.Gateway.Tests.Api;

namespace Conversations.Gateway.Tests.Security;

public sealed class SocketTicketTests(AuthGatewayFixture fixture) : IClassFixture<AuthGatewayFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task ATicketOpensItsConversationOnceWithoutATokenInTheUrl()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var id = $"ticket-{Guid.NewGuid():N}";
        using var api = new ApiCall(Host.HttpUri, TestTokens.Issue(user));

        var issued = await api.PostAsync($"/conversations/{id}/socket-ticket", "{}");
        Assert.Equal(HttpStatusCode.OK, issued.Status);
        var ticket = issued.Text("ticket");
        Assert.Equal($"/ws/conversation/{id}?ticket={ticket}", issued.Text("url"));

        await using (var client = await Host.ConnectAsync(id, query: $"ticket={ticket}"))
        {
            await client.SendMessageAsync("m1", "hello");
            await client.UntilAsync(f => f.IsReply(1));
        }

        var again = await RawUpgrade.SendAsync(Host.HttpUri, $"/ws/conversation/{id}?ticket={ticket}");
        var listed = await api.GetAsync("/conversations");

        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), again);
        Assert.Equal(id, Assert.Single(listed.Body.GetProperty("items").EnumerateArray()).GetProperty("conversation_id").GetString());
    }

    [Fact]
    public async Task ATicketOpensNoOtherConversationAndAMadeUpOneNothing()
    {
        using var api = new ApiCall(Host.HttpUri, TestTokens.Issue($"user-{Guid.NewGuid():N}"));
        var ticket = (await api.PostAsync($"/conversations/ticket-{Guid.NewGuid():N}/socket-ticket", "{}")).Text("ticket");

        var elsewhere = await RawUpgrade.SendAsync(Host.HttpUri, $"/ws/conversation/ticket-{Guid.NewGuid():N}?ticket={ticket}");
        var madeUp = await RawUpgrade.SendAsync(Host.HttpUri, $"/ws/conversation/ticket-{Guid.NewGuid():N}?ticket=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), elsewhere);
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), madeUp);
    }

    [Fact]
    public async Task NoTicketIsIssuedForSomeoneElsesConversationOrWithoutAToken()
    {
        using var owner = new ApiCall(Host.HttpUri, TestTokens.Issue($"user-{Guid.NewGuid():N}"));
        using var intruder = new ApiCall(Host.HttpUri, TestTokens.Issue($"user-{Guid.NewGuid():N}"));
        using var anonymous = new ApiCall(Host.HttpUri);
        var id = (await owner.PostAsync("/conversations", new { })).Text("conversation_id");

        var theirs = await intruder.PostAsync($"/conversations/{id}/socket-ticket", "{}");
        var tokenless = await anonymous.PostAsync($"/conversations/{id}/socket-ticket", "{}");

        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (theirs.Status, theirs.ErrorCode));
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), (tokenless.Status, tokenless.ErrorCode));
    }

    [Fact]
    public async Task AnExpiredTicketIsRefused()
    {
        await using var gateway = await GatewayHost.StartAsync("--Auth:Enabled", "true", "--Auth:SigningKey", TestTokens.SigningKey, "--Auth:TicketLifetime", "00:00:01");
        using var api = new ApiCall(gateway.HttpUri, TestTokens.Issue($"user-{Guid.NewGuid():N}"));
        var id = $"ticket-{Guid.NewGuid():N}";
        var issued = await api.PostAsync($"/conversations/{id}/socket-ticket", "{}");
        var expiresAt = DateTimeOffset.Parse(issued.Text("expires_at"), System.Globalization.CultureInfo.InvariantCulture);
        while (DateTimeOffset.UtcNow <= expiresAt.AddMilliseconds(200))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        var late = await RawUpgrade.SendAsync(gateway.HttpUri, $"/ws/conversation/{id}?ticket={issued.Text("ticket")}");

        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), late);
    }

    [Fact]
    public async Task TokensInUrlsCanBeTurnedOff()
    {
        await using var gateway = await GatewayHost.StartAsync("--Auth:Enabled", "true", "--Auth:SigningKey", TestTokens.SigningKey, "--Auth:AllowQueryToken", "false");
        var token = TestTokens.Issue($"user-{Guid.NewGuid():N}");
        using var api = new ApiCall(gateway.HttpUri, token);
        var id = $"ticket-{Guid.NewGuid():N}";

        var inUrl = await RawUpgrade.SendAsync(gateway.HttpUri, $"/ws/conversation/{id}?access_token={token}");
        var inHeader = await RawUpgrade.SendAsync(gateway.HttpUri, $"/ws/conversation/{id}", new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });
        var ticket = (await api.PostAsync($"/conversations/{id}/socket-ticket", "{}")).Text("ticket");
        var withTicket = await RawUpgrade.SendAsync(gateway.HttpUri, $"/ws/conversation/{id}?ticket={ticket}");

        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), inUrl);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, inHeader.Status);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, withTicket.Status);
    }
}
