namespace Conversations.Tests.Support;

/// <summary>Where things are in this repository, found from the running test assembly.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds <c>Conversations.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of the running tests (<c>Debug</c>, <c>Release</c>).</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>The build output of a project, in the same configuration as the running tests.</summary>
    public static string Output(string project)
    {
        var folder = Path.Combine(Root, project, "bin", Configuration, "net10.0");
        return Directory.Exists(folder) ? folder : throw new DirectoryNotFoundException($"{folder} does not exist: build the solution first.");
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Conversations.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("Conversations.sln not found above " + AppContext.BaseDirectory);
    }
}
