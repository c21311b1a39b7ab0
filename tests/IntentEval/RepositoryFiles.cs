namespace Conversations.IntentEval;

/// <summary>Files of the source tree, found from the working folder or the binaries' folder upwards.</summary>
public static class RepositoryFiles
{
    /// <summary>The path of <paramref name="relative"/> under the folder that holds <c>Conversations.sln</c>.</summary>
    public static string Path(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(folder.FullName, "Conversations.sln")))
                {
                    return System.IO.Path.Combine(folder.FullName, relative);
                }
            }
        }

        throw new DirectoryNotFoundException("Conversations.sln not found above the working folder or the binaries.");
    }
}
