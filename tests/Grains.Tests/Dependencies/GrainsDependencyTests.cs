using System.Text.Json;
using Conversations.Grains.Conversation;

namespace Conversations.Grains.Tests.Dependencies;

// Grains is the cluster's logic; serving HTTP (endpoints, /metrics, the dashboard, health responses) belongs
// to the web hosts, in Silo. These tests keep ASP.NET Core from creeping back in.
public sealed class GrainsDependencyTests
{
    [Fact]
    public void GrainsReferencesNoAspNetCoreAssembly()
    {
        var aspNetCore = typeof(ConversationGrain).Assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name)
            .Where(name => name is not null && name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(aspNetCore);
    }

    // A package can bring the ASP.NET Core shared framework without any of our code using it (the Orleans
    // dashboard does): every host of Grains would then load it. This test project is a plain console host of
    // Grains, so its runtime configuration shows which frameworks Grains asks for.
    [Fact]
    public void GrainsBringsNoAspNetCoreFrameworkToItsHosts()
    {
        var runtimeConfig = Path.Combine(AppContext.BaseDirectory, "Conversations.Grains.Tests.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(runtimeConfig));
        var options = json.RootElement.GetProperty("runtimeOptions");
        var frameworks = options.TryGetProperty("frameworks", out var many)
            ? many.EnumerateArray().Select(framework => framework.GetProperty("name").GetString()).ToList()
            : [options.GetProperty("framework").GetProperty("name").GetString()];

        Assert.DoesNotContain("Microsoft.AspNetCore.App", frameworks);
    }
}
