using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Conversations.Tests.Support;

/// <summary>An HTTP API response: status and parsed JSON body.</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Body)
{
    public string? ErrorCode => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("error_code", out var code) ? code.GetString() : null;

    public string Text(string name) => Body.GetProperty(name).GetString()!;
}

/// <summary>Calls the gateway's HTTP API, optionally with a bearer token.</summary>
public sealed class ApiCall(Uri baseUri, string? token = null) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };

    public Task<ApiResponse> PostAsync(string path, string json, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, new StringContent(json, Encoding.UTF8, contentType));

    public Task<ApiResponse> PostAsync(string path, object body) => PostAsync(path, JsonSerializer.Serialize(body));

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return new ApiResponse(response.StatusCode, json.RootElement.Clone());
    }

    public void Dispose() => _http.Dispose();
}
