using System.Globalization;

namespace Conversations.Gateway.Tests.Settings;

// A gateway process whose settings file is edited while it runs: a valid change of a limit applies to the next
// connection; an invalid one is refused with a log line, and the limit in force stays.
public sealed class HotReloadTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string _folder = Directory.CreateTempSubdirectory("conversations-settings-").FullName;
    private ServiceProcess _gateway = null!;

    private string SettingsFile => Path.Combine(_folder, "appsettings.json");

    public async Task InitializeAsync()
    {
        Write(maxFrameBytes: 8192, maxContentChars: 4000, handoffThreshold: "0.8");
        _gateway = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            // The settings file is the content root's appsettings.json, which ASP.NET Core reloads on change.
            ["ASPNETCORE_CONTENTROOT"] = _folder,
            ["Cluster:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ASmallerFrameLimitAppliesLiveAndAnInvalidOneIsRefusedWhileTheLimitInForceStays()
    {
        var big = new string('a', 3000);
        var medium = new string('b', 1500);
        Assert.Equal("ack", (await SendAsync(big)).Type);

        Write(maxFrameBytes: 2048, maxContentChars: 2000, handoffThreshold: "0.5");
        await LogAsync("Settings change to GatewayOptions applied", 1);
        await LogAsync("Settings change to IntelligenceOptions applied", 1);

        var refused = await SendAsync(big);
        Assert.Equal("MESSAGE_TOO_LARGE", refused.ErrorCode);
        Assert.Contains("at most 2048 are allowed", refused.Root.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("ack", (await SendAsync(medium)).Type);

        Write(maxFrameBytes: 512, maxContentChars: 400, handoffThreshold: "7");
        var output = await LogAsync("Settings change to GatewayOptions refused", 1);
        Assert.Contains("Gateway:MaxFrameBytes must be from 1024", output, StringComparison.Ordinal);
        await LogAsync("Settings change to IntelligenceOptions refused", 1);
        Assert.Contains("Intelligence:HandoffThreshold", output + _gateway.Output, StringComparison.Ordinal);

        // 2048 bytes still: the medium frame, which 512 would refuse, passes, and the big one is still refused.
        Assert.Equal("ack", (await SendAsync(medium)).Type);
        Assert.Contains("at most 2048 are allowed", (await SendAsync(big)).Root.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(_gateway.HasExited);
    }

    // The first frame a new connection gets after sending one message.
    private async Task<Frame> SendAsync(string content)
    {
        await using var client = await _gateway.ConnectAsync($"reload-{Guid.NewGuid():N}");
        await client.SendMessageAsync("m1", content);
        return await client.NextAsync(Bound);
    }

    // Waits until the process has logged <paramref name="line"/> at least <paramref name="times"/> times.
    private Task<string> LogAsync(string line, int times) =>
        Eventually.GetAsync(
            () => Task.FromResult(_gateway.Output),
            output => CountOf(output, line) >= times,
            Bound);

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private void Write(int maxFrameBytes, int maxContentChars, string handoffThreshold) =>
        File.WriteAllText(SettingsFile, string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "Logging": { "LogLevel": { "Conversations.Grains.Settings": "Information" } },
              "Gateway": { "Mode": "Embedded", "MaxFrameBytes": {{maxFrameBytes}}, "MaxContentChars": {{maxContentChars}} },
              "Cluster": { "Clustering": "Localhost", "Storage": "Memory" },
              "Intelligence": { "HandoffThreshold": {{handoffThreshold}} }
            }
            """));
}
