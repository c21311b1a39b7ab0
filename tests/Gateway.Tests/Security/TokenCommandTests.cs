using System.Net;

namespace Conversations.Gateway.Tests.Security;

// `Gateway token --user NAME` prints a token the same configuration's gateway accepts, run as a user runs it.
public sealed class TokenCommandTests
{
    private const string Key = "a-development-key-that-is-not-the-test-key-0123";
    private const string Issuer = "conversations-dev";
    private const string Audience = "conversations";

    private static readonly Dictionary<string, string> Configured = new()
    {
        ["Auth:SigningKey"] = Key,
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
    };

    [Fact]
    public async Task APrintedTokenOpensASocketAndCallsTheApiOfAGatewayWithAuthenticationOn()
    {
        var user = $"alice-{Guid.NewGuid():N}";
        var token = await PrintTokenAsync(["--user", user]);
        var operatorToken = await PrintTokenAsync(["--user", $"ops-{Guid.NewGuid():N}", "--operator"]);
        await using var gateway = await GatewayHost.StartAsync(
            "--Auth:Enabled", "true", "--Auth:SigningKey", Key, "--Auth:Issuer", Issuer, "--Auth:Audience", Audience);

        using var api = new ApiCall(gateway.HttpUri, token);
        var created = await api.PostAsync("/conversations", new { });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(user, created.Text("user_id"));

        var conversationId = created.Text("conversation_id");
        await using var client = await gateway.ConnectAsync(conversationId, query: $"access_token={token}");
        await client.SendMessageAsync("m-1", "hello");
        var frames = await client.UntilAsync(f => f.IsReply(1));
        Assert.Contains(frames, f => f.IsReply(1));

        // Only the token made with --operator is an operator's.
        using var operatorCall = new ApiCall(gateway.HttpUri, operatorToken);
        Assert.Equal(HttpStatusCode.OK, (await operatorCall.GetAsync("/health/clients")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/health/clients")).Status);
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyIsRefused()
    {
        var token = await PrintTokenAsync(["--user", "mallory"]);
        await using var gateway = await GatewayHost.StartAsync(
            "--Auth:Enabled", "true", "--Auth:SigningKey", TestTokens.SigningKey, "--Auth:Issuer", Issuer, "--Auth:Audience", Audience);

        using var api = new ApiCall(gateway.HttpUri, token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/conversations", new { })).Status);
    }

    [Fact]
    public async Task WithoutASigningKeyTheCommandPrintsNoTokenAndSaysWhatToSet()
    {
        var (exitCode, output) = await DotnetCommand.RunAsync(GatewayAssembly, ["token", "--user", "alice"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("Auth:SigningKey is not set", output, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAUserTheCommandPrintsNoToken()
    {
        var (exitCode, output) = await DotnetCommand.RunAsync(GatewayAssembly, ["token", "--operator"], Configured);

        Assert.Equal(2, exitCode);
        Assert.Contains("--user is required", output, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", output, StringComparison.Ordinal);
    }

    private static string GatewayAssembly => Path.Combine(RepositoryPaths.Output("Gateway"), "Conversations.Gateway.dll");

    // The configuration goes in the environment, as a developer's shell would hold it.
    private static async Task<string> PrintTokenAsync(string[] arguments)
    {
        var (exitCode, output) = await DotnetCommand.RunAsync(GatewayAssembly, ["token", .. arguments], Configured);
        Assert.True(exitCode == 0, output);
        var token = output.Split('\n')[0].Trim();
        Assert.Equal(3, token.Split('.').Length);
        return token;
    }
}
