using System.Net;

namespace Conversations.Gateway.Tests.EndToEnd;

[Collection(GatewayCollection.Name)]
public sealed class ApiReferenceTests(GatewayFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.Host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task TheApiReferencePageIsServedAsHtmlOverTheOpenApiDocument()
    {
        using var response = await _http.GetAsync(new Uri("/scalar/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
    }
}
