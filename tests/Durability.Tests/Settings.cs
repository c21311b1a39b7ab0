namespace Conversations.Durability.Tests;

/// <summary>Gateway settings for a durable deployment on a test database.</summary>
internal static class Settings
{
    /// <summary>Embedded silo with PostgreSQL storage, reminders and transcripts; the schema applied at start.</summary>
    public static Dictionary<string, string> Durable(string connectionString, string? chunkDelay = "00:00:00.025") => new()
    {
        ["ConnectionStrings:Postgres"] = connectionString,
        ["Cluster:Storage"] = "Postgres",
        ["Cluster:MigrateOnStart"] = "true",
        ["Cluster:ClusterId"] = $"test-{Guid.NewGuid():N}",
        ["Cluster:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cluster:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Responders:Offline:ChunkDelay"] = chunkDelay ?? "00:00:00",
    };

    /// <summary>The same settings as command-line arguments for an in-process gateway.</summary>
    public static string[] AsArguments(this Dictionary<string, string> settings) =>
        settings.SelectMany(setting => new[] { $"--{setting.Key}", setting.Value }).ToArray();
}
