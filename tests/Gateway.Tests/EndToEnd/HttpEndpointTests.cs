using System.Net;
using System.Text.Json;

namespace Conversations.Gateway.Tests.EndToEnd;

[Collection(GatewayCollection.Name)]
public sealed class HttpEndpointTests(GatewayFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.Host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };

    [Theory]
    [InlineData("has%20space")]
    [InlineData("dollar$sign")]
    [InlineData("slash%2Finside")]
    [InlineData("emoji%F0%9F%98%80")]
    public async Task InvalidConversationIdIsRefusedBeforeTheUpgrade(string id)
    {
        using var response = await _http.GetAsync(new Uri($"/ws/conversation/{id}", UriKind.Relative));
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_CONVERSATION_ID");
    }

    [Fact]
    public async Task ConversationIdLongerThan128CharactersIsRefused()
    {
        using var response = await _http.GetAsync(new Uri($"/ws/conversation/{new string('a', 129)}", UriKind.Relative));
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_CONVERSATION_ID");
    }

    [Theory]
    [InlineData("last_seq=-1")]
    [InlineData("last_seq=abc")]
    [InlineData("last_seq=1.5")]
    public async Task BadLastSeqIsRefused(string query)
    {
        var refused = await RawUpgrade.SendAsync(_http.BaseAddress!, $"/ws/conversation/ok-id?{query}");
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_MESSAGE"), refused);
    }

    [Fact]
    public async Task PlainHttpOnTheSocketRouteIsRefused()
    {
        using var response = await _http.GetAsync(new Uri("/ws/conversation/valid-id", UriKind.Relative));
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_MESSAGE");
    }

    [Fact]
    public async Task LivenessEndpointReportsHealthy()
    {
        using var response = await _http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReadinessEndpointReportsTheClusterCheckAsJson()
    {
        using var response = await _http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString());

        // In memory there is no storage to check.
        Assert.False(body.RootElement.GetProperty("checks").TryGetProperty("storage", out _));
    }

    [Fact]
    public async Task ChatPageIsServedAtTheRoot()
    {
        using var response = await _http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/ws/conversation/", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, body.RootElement.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("message").GetString()));
    }
}
