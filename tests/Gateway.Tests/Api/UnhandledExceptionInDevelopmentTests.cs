using System.Net;
using System.Text.Json;

namespace Conversations.Gateway.Tests.Api;

public sealed class UnhandledExceptionInDevelopmentTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(UnhandledExceptionTests.MapThrowing, "--environment", "Development");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Client() => new() { BaseAddress = _host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task InDevelopmentTheDetailNamesTheExceptionAndTheCodeStaysTheSame()
    {
        using var http = Client();
        using var response = await http.GetAsync(new Uri("/test/throws", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("INTERNAL_ERROR", body.RootElement.GetProperty("error_code").GetString());
        var detail = body.RootElement.GetProperty("detail").GetString();
        Assert.Contains(nameof(InvalidOperationException), detail, StringComparison.Ordinal);
        Assert.Contains(UnhandledExceptionTests.Secret, detail, StringComparison.Ordinal);
    }
}
