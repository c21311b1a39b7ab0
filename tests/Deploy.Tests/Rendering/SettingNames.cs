using System.Reflection;
using Conversations.Gateway.Auth;
using Conversations.Gateway.Hosting;
using Conversations.Grains.Hosting;
using Conversations.Grains.Responders.Models;

namespace Conversations.Deploy.Tests.Rendering;

/// <summary>
/// Whether an environment variable names a setting the silo or gateway reads: the options classes' properties
/// (<c>Cluster__SiloPort</c>), the PostgreSQL connection string, ASP.NET Core's <c>Urls</c> and logging levels.
/// </summary>
internal static class SettingNames
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [ClusterSettings.SectionName] = typeof(ClusterSettings),
        [GatewayOptions.SectionName] = typeof(GatewayOptions),
        [AuthOptions.SectionName] = typeof(AuthOptions),
        [ModelOptions.SectionName] = typeof(ModelOptions),
    };

    public static bool IsRead(string variable)
    {
        var path = variable.Split("__");
        if (variable == "Urls" || variable == $"ConnectionStrings__{ClusterSettings.ConnectionStringName}")
        {
            return true;
        }

        if (path is ["Logging", "LogLevel", _])
        {
            return true;
        }

        if (path.Length < 2 || !Sections.TryGetValue(path[0], out var type))
        {
            return false;
        }

        foreach (var segment in path.Skip(1))
        {
            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is not { CanWrite: true })
            {
                return false;
            }

            type = property.PropertyType;
        }

        return true;
    }
}
