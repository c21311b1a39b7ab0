using System.Net;
using System.Net.WebSockets;
using Conversations.Gateway.Auth;
using Microsoft.IdentityModel.Tokens;

namespace Conversations.Gateway.Tests.Security;

public sealed class TokenHardeningTests
{
    [Fact]
    public async Task ATokenSignedWithTheRightKeyButAnotherAlgorithmIsRefused()
    {
        await using var gateway = await GatewayHost.StartAsync("--Auth:Enabled", "true", "--Auth:SigningKey", TestTokens.SigningKey);
        // The test key has 384 bits, enough for HS384 as well as HS256.
        using var hs384 = new ApiCall(gateway.HttpUri, TestTokens.Issue("ann", algorithm: SecurityAlgorithms.HmacSha384));
        using var hs256 = new ApiCall(gateway.HttpUri, TestTokens.Issue("ann"));

        var refused = await hs384.GetAsync("/conversations");
        var accepted = await hs256.GetAsync("/conversations");

        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), (refused.Status, refused.ErrorCode));
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
    }

    [Fact]
    public void WithAnAuthorityAnAudienceIsRequired()
    {
        var result = new AuthOptionsValidator().Validate(null, new AuthOptions { Enabled = true, Authority = "https://login.example.com/tenant" });
        var withAudience = new AuthOptionsValidator().Validate(null, new AuthOptions { Enabled = true, Authority = "https://login.example.com/tenant", Audience = "conversations" });

        Assert.True(result.Failed);
        Assert.Contains("Auth:Audience is required", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(withAudience.Succeeded);
    }

    [Fact]
    public void AnAuthorityTokenMustNameTheIssuerAndTheAudienceAndUseAnAsymmetricAlgorithm()
    {
        var auth = new AuthOptions { Enabled = true, Authority = "https://login.example.com/tenant", Audience = "conversations" };

        Assert.Equal([SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256], AuthServiceExtensions.AcceptedAlgorithms(auth));
        Assert.Equal([SecurityAlgorithms.HmacSha256], AuthServiceExtensions.AcceptedAlgorithms(new AuthOptions { SigningKey = TestTokens.SigningKey }));
    }

    [Fact]
    public async Task ASocketIsToldToComeBackWithAFreshTokenWhenItsTokenExpires()
    {
        await using var gateway = await GatewayHost.StartAsync("--Auth:Enabled", "true", "--Auth:SigningKey", TestTokens.SigningKey, "--Auth:ClockSkew", "00:00:00");
        var token = TestTokens.Issue($"user-{Guid.NewGuid():N}", lifetime: TimeSpan.FromSeconds(4));
        await using var client = await gateway.ConnectAsync($"expiry-{Guid.NewGuid():N}", query: $"access_token={token}");
        await client.SendMessageAsync("m1", "hello");
        await client.UntilAsync(f => f.IsReply(1));

        var notice = (await client.UntilAsync(f => f.IsSystem("reconnect"), TimeSpan.FromSeconds(30)))[^1];
        var status = await client.ClosedAsync();

        Assert.Equal("token_expired", notice.Root.GetProperty("metadata").GetProperty("cause").GetString());
        Assert.Equal((WebSocketCloseStatus)1012, status);
    }

    [Fact]
    public async Task ShutdownSaysItsCauseInTheReconnectNotice()
    {
        var gateway = await GatewayHost.StartAsync();
        await using var client = await gateway.ConnectAsync($"drain-{Guid.NewGuid():N}");
        await client.SendAsync(new { type = "ping" });
        await client.UntilAsync(f => f.Type == "pong");

        var stopping = gateway.DisposeAsync().AsTask();
        var notice = (await client.UntilAsync(f => f.IsSystem("reconnect")))[^1];
        await stopping;

        Assert.Equal("shutting_down", notice.Root.GetProperty("metadata").GetProperty("cause").GetString());
    }
}
