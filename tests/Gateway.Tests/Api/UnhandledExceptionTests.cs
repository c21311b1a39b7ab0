using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Conversations.Gateway.Tests.Api;

// No gateway endpoint can be made to throw an unexpected exception on purpose, so the test host maps two
// beside the gateway's own; they run behind the same middleware, the exception handler included.
public sealed class UnhandledExceptionTests : IAsyncLifetime
{
    internal const string Secret = "the connection string is Password=hunter2";

    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(MapThrowing);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Client() => new() { BaseAddress = _host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task AnUnexpectedExceptionIsA500WithOurErrorCodeAndTheProblemFieldsAndNoInternalDetail()
    {
        using var http = Client();
        using var response = await http.GetAsync(new Uri("/test/throws", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(text);
        var root = body.RootElement;
        Assert.Equal("INTERNAL_ERROR", root.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("message").GetString()));
        Assert.Equal(500, root.GetProperty("status").GetInt32());
        Assert.StartsWith("https://", root.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        Assert.Equal(root.GetProperty("message").GetString(), root.GetProperty("detail").GetString());
        Assert.Equal("/test/throws", root.GetProperty("instance").GetString());
        Assert.True(root.TryGetProperty("trace_id", out var traceId) && traceId.GetString() is { Length: > 0 }, text);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClusterThatCannotBeReachedIsStillA503TheClientMayRetry()
    {
        using var http = Client();
        using var response = await http.GetAsync(new Uri("/test/unavailable", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("SERVICE_UNAVAILABLE", body.RootElement.GetProperty("error_code").GetString());
        Assert.Equal(503, body.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AClientThatAcceptsOnlyPlainJsonGetsOurBodyAsPlainJson()
    {
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/throws");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("INTERNAL_ERROR", body.RootElement.GetProperty("error_code").GetString());
    }

    internal static void MapThrowing(WebApplication app)
    {
        app.MapGet("/test/throws", string () => throw new InvalidOperationException(Secret));
        app.MapGet("/test/unavailable", string () => throw new SiloUnavailableException("The silo is gone."));
    }
}
