using System.Text.RegularExpressions;
using Conversations.Silo.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Gateway.Tests.EndToEnd;

// Gateway/Gateway.http is where a new user finds every endpoint; it must name each route the gateway maps.
[Collection(GatewayCollection.Name)]
public sealed partial class HttpFileTests(GatewayFixture fixture)
{
    [Fact]
    public void GatewayHttpNamesEveryRouteTheGatewayMaps()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "Gateway", "Gateway.http"))
            .Select(line => line.Trim())
            .ToList();
        var routes = fixture.Host.App.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText is { } raw && !IsFrameworkOwn(raw))
            .ToList();
        Assert.NotEmpty(routes);

        var missing = new List<string>();
        foreach (var endpoint in routes)
        {
            var path = AsHttpFilePath(endpoint.RoutePattern);

            // Map (no method): a WebSocket route, listed as a comment, or a GET-only one such as /health.
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var expected = methods.Count == 0
                ? [$"GET {{{{host}}}}{path}", $"# WEBSOCKET {{{{wsHost}}}}{path}"]
                : methods.Select(method => $"{method} {{{{host}}}}{path}").ToArray();
            bool Named(string request) => lines.Any(line => line == request || line.StartsWith(request + "?", StringComparison.Ordinal));
            if (methods.Count == 0 ? !expected.Any(Named) : !expected.All(Named))
            {
                missing.Add(string.Join(" | ", expected));
            }
        }

        Assert.True(missing.Count == 0, "Gateway/Gateway.http lacks:\n" + string.Join('\n', missing.Distinct()));
    }

    // The dashboard's pages and the API reference page's own scripts and icon are not endpoints to call.
    private static bool IsFrameworkOwn(string raw) =>
        raw.StartsWith(DashboardExtensions.Path, StringComparison.Ordinal)
        || (raw.StartsWith("/scalar/", StringComparison.Ordinal) && Path.HasExtension(raw));

    // /conversations/{conversationId} -> /conversations/{{conversationId}}; an optional last segment is left out.
    private static string AsHttpFilePath(RoutePattern pattern)
    {
        var raw = pattern.RawText!;
        raw = OptionalParameter().Replace(raw, string.Empty);
        raw = Parameter().Replace(raw, match => $"{{{{{match.Groups[1].Value}}}}}");
        raw = raw.Length > 1 ? raw.TrimEnd('/') : raw;
        return raw.StartsWith('/') ? raw : "/" + raw;
    }

    [GeneratedRegex(@"/\{[^}]+\?\}$")]
    private static partial Regex OptionalParameter();

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z_]+)[^}]*\}")]
    private static partial Regex Parameter();
}
