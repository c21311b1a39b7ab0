using Orleans.Dashboard;

namespace Conversations.Silo.Hosting;

/// <summary>
/// The Orleans dashboard (grains, silos, calls) at <c>/dashboard</c> on a process that hosts a silo.
/// <c>Dashboard:Enabled</c> turns it on or off; by default it is on in the embedded gateway (a developer's
/// machine) and off in a standalone silo, where it would show cluster internals to whoever reaches the port.
/// </summary>
public static class DashboardExtensions
{
    /// <summary>The configuration key that turns the dashboard on or off.</summary>
    public const string EnabledKey = "Dashboard:Enabled";

    /// <summary>The dashboard's path.</summary>
    public const string Path = "/dashboard";

    /// <summary>Whether the dashboard is on, given the process's default.</summary>
    public static bool DashboardEnabled(this IConfiguration configuration, bool byDefault) =>
        configuration.GetValue(EnabledKey, byDefault);

    /// <summary>Adds the dashboard's services to the silo and remembers that it is on.</summary>
    public static ISiloBuilder AddConversationsDashboard(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddDashboard();
        silo.Services.AddSingleton<DashboardMarker>();
        return silo;
    }

    /// <summary>Maps the dashboard at <see cref="Path"/> when it was added.</summary>
    /// <param name="endpoints">Where to map it.</param>
    /// <param name="secure">Puts the dashboard behind the process's authorization (operators only), if it has one.</param>
    public static IEndpointRouteBuilder MapConversationsDashboard(this IEndpointRouteBuilder endpoints, Action<IEndpointConventionBuilder>? secure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<DashboardMarker>() is not null)
        {
            IEndpointConventionBuilder dashboard = endpoints.MapOrleansDashboard(Path);
            dashboard.Add(RefuseMalformedSiloAddresses);
            secure?.Invoke(dashboard);
        }

        return endpoints;
    }

    // The dashboard's silo routes (/dashboard/SiloStats/{address}, ...) take a silo address from the path
    // and fail with a server error when it is not one; a request with a malformed address is the client's
    // fault, so answer 400.
    private static void RefuseMalformedSiloAddresses(EndpointBuilder endpoint)
    {
        if (endpoint.RequestDelegate is not { } next)
        {
            return;
        }

        endpoint.RequestDelegate = async http =>
        {
            try
            {
                await next(http);
            }
            catch (InvalidOperationException exception) when (exception.InnerException is FormatException && !http.Response.HasStarted)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        };
    }

    private sealed class DashboardMarker;
}
