using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Conversations.Deploy.Tests.Rendering;

/// <summary>
/// Renders an overlay with <c>kubectl kustomize</c> (offline: it reads only the folder), when kubectl is
/// installed. <c>KUBECTL</c> names another binary; <c>KUBECTL=none</c> makes the tests use the subset renderer.
/// </summary>
internal static class KubectlKustomize
{
    private static readonly Lazy<string?> Binary = new(Find);

    /// <summary>The kubectl that renders, or <see langword="null"/> when there is none.</summary>
    public static string? Path => Binary.Value;

    public static IReadOnlyList<JsonObject> Render(string folder)
    {
        var kubectl = Path ?? throw new InvalidOperationException("kubectl is not installed");
        using var process = Process.Start(new ProcessStartInfo(kubectl, ["kustomize", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl kustomize {folder} did not finish within a minute");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {folder} failed ({process.ExitCode}): {error.Result}");
        }

        return Yaml.ReadText(output.Result);
    }

    private static string? Find()
    {
        var named = Environment.GetEnvironmentVariable("KUBECTL");
        if (named is "none")
        {
            return null;
        }

        if (!string.IsNullOrEmpty(named))
        {
            return named;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, "kubectl"))
            .FirstOrDefault(File.Exists);
    }
}
