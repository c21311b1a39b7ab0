using System.Net;

using Conversations.Gateway.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Gateway.Tests.Security;

public sealed class OperatorTests(AuthGatewayFixture fixture) : IClassFixture<AuthGatewayFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task EveryUsersConnectionsAnalyticsAndTheDashboardAreForOperatorsOnly()
    {
        using var user = new ApiCall(Host.HttpUri, TestTokens.Issue($"user-{Guid.NewGuid():N}"));
        using var operatorCall = new ApiCall(Host.HttpUri, TestTokens.Issue($"ops-{Guid.NewGuid():N}", role: TestTokens.OperatorRole));
        using var anonymous = new ApiCall(Host.HttpUri);

        foreach (var path in new[] { "/health/clients", "/analytics/summary", "/dashboard", "/api/v1/webhooks/dead-letters" })
        {
            var asUser = await user.SendAsync(HttpMethod.Get, path, null);
            var asNobody = await anonymous.SendAsync(HttpMethod.Get, path, null);
            Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (asUser.Status, asUser.ErrorCode));
            Assert.Contains("operator", asUser.Text("message"), StringComparison.Ordinal);
            Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHORIZED"), (asNobody.Status, asNobody.ErrorCode));
        }

        var clients = await operatorCall.GetAsync("/health/clients");
        Assert.Equal(HttpStatusCode.OK, clients.Status);
        Assert.True(clients.Body.TryGetProperty("per_user", out _));

        // In memory there is no transcript to analyse: the operator gets that answer, not a refusal.
        var analytics = await operatorCall.GetAsync("/analytics/summary");
        Assert.Equal(HttpStatusCode.NotFound, analytics.Status);
    }

    [Fact]
    public async Task OnlyOperatorsAnswerHandedOffConversationsAndTheyWatchTheUsersSocketWithoutClaimingIt()
    {
        var id = $"op-{Guid.NewGuid():N}";
        var owner = $"user-{Guid.NewGuid():N}";
        var operatorId = $"ops-{Guid.NewGuid():N}";
        var operatorToken = TestTokens.Issue(operatorId, role: TestTokens.OperatorRole);
        await using var userSocket = await Host.ConnectAsync(id, query: $"access_token={TestTokens.Issue(owner)}");
        await userSocket.SendMessageAsync("m1", "I want to talk to a real person");
        await userSocket.UntilAsync(f => f.IsReply(1));

        using var user = new ApiCall(Host.HttpUri, TestTokens.Issue(owner));
        var asUser = await user.PostAsync($"/api/v1/operator/conversations/{id}/take", "{}");
        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (asUser.Status, asUser.ErrorCode));
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/v1/operator/queue")).Status);

        await using var watching = await Host.ConnectAsync(id, lastSeq: 0, query: $"access_token={operatorToken}");
        Assert.True((await watching.NextAsync()).IsSystem("conversation_resumed"));

        using var operatorCall = new ApiCall(Host.HttpUri, operatorToken);
        var spoofed = await operatorCall.PostAsync($"/api/v1/operator/conversations/{id}/take", """{"operator_id":"someone-else"}""");
        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), (spoofed.Status, spoofed.ErrorCode));
        var taken = await operatorCall.PostAsync($"/api/v1/operator/conversations/{id}/take", """{"operator_name":"Dana"}""");
        Assert.Equal((HttpStatusCode.OK, operatorId), (taken.Status, taken.Body.GetProperty("operator").GetProperty("id").GetString()));
        var joined = await watching.UntilAsync(f => f.IsSystem("handoff") && f.Root.GetProperty("metadata").TryGetProperty("operator_id", out _));
        Assert.Equal(operatorId, joined[^1].Root.GetProperty("metadata").GetProperty("operator_id").GetString());

        var details = await Host.App.Services.GetRequiredService<IGrainFactory>().GetGrain<Grains.Interfaces.IConversationGrain>(id).GetDetailsAsync();
        Assert.Equal(owner, details.UserId);
    }

    [Fact]
    public async Task TheDashboardAnswersAnOperator()
    {
        // HttpClient drops the Authorization header on redirects (the dashboard redirects to its own pages),
        // so the redirects are followed by hand, each with the token.
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = Host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
        var token = TestTokens.Issue($"ops-{Guid.NewGuid():N}", role: TestTokens.OperatorRole);
        var location = new Uri("/dashboard", UriKind.Relative);
        HttpStatusCode status = default;
        for (var hop = 0; hop < 3; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, location);
            request.Headers.Authorization = new("Bearer", token);
            using var response = await http.SendAsync(request);
            status = response.StatusCode;
            if (response.Headers.Location is not { } next)
            {
                break;
            }

            location = next;
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task AnalyticsAreRateLimited()
    {
        await using var gateway = await GatewayHost.StartAsync(
            "--Auth:Enabled", "true", "--Auth:SigningKey", TestTokens.SigningKey, "--Gateway:HttpRequestsPerSecond", "1", "--Gateway:HttpRequestBurst", "2");
        using var operatorCall = new ApiCall(gateway.HttpUri, TestTokens.Issue($"ops-{Guid.NewGuid():N}", role: TestTokens.OperatorRole));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await operatorCall.GetAsync("/analytics/summary")).Status);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
