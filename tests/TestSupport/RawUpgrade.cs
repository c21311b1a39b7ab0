using System.Net;
using System.Text.Json;

namespace Conversations.Tests.Support;

/// <summary>A WebSocket upgrade request sent by hand, to see the status and body of a refusal.</summary>
public static class RawUpgrade
{
    /// <summary>Sends the upgrade; returns the status and, for a refusal, its <c>error_code</c>.</summary>
    public static async Task<(HttpStatusCode Status, string? ErrorCode)> SendAsync(Uri httpUri, string pathAndQuery, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var http = new HttpClient { BaseAddress = httpUri, Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add("Connection", "Upgrade");
        request.Headers.Add("Upgrade", "websocket");
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.Add(name, value);
            }
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.SwitchingProtocols)
        {
            return (response.StatusCode, null);
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.GetProperty("error_code").GetString());
    }
}
