using System.Diagnostics;
using System.Globalization;

namespace Conversations.Durability.Tests;

// deploy/local/cluster.sh, run as a person would run it (on free ports, in its own folder), except that it
// runs the silo and gateway these tests were built with: a build of its own, beside the other test
// projects running, is what made it take longer than its five minutes.
public sealed class LocalClusterScriptTests
{
    [Fact]
    public async Task ClusterScriptBringsUpFiveNodesThatServeAConversationAndTakesThemDown()
    {
        var folder = Directory.CreateTempSubdirectory("conversations-local-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["LOCAL_CLUSTER_DIR"] = Path.Combine(folder, "cluster"),
            ["LOCAL_CONFIGURATION"] = RepositoryPaths.Configuration,
            ["LOCAL_NO_BUILD"] = "1",
            ["LOCAL_PG_PORT"] = Port(),
            ["LOCAL_GATEWAY_PORTS"] = $"{Port()} {Port()}",
            ["LOCAL_SILO_HTTP_PORTS"] = $"{Port()} {Port()} {Port()}",
            ["LOCAL_SILO_PORTS"] = $"{Port()} {Port()} {Port()}",
            ["LOCAL_SILO_GATEWAY_PORTS"] = $"{Port()} {Port()} {Port()}",
        };
        var gateways = environment["LOCAL_GATEWAY_PORTS"].Split(' ').Select(p => new Uri($"ws://127.0.0.1:{p}")).ToArray();
        try
        {
            var up = await ScriptAsync("up", environment);
            Assert.True(up.ExitCode == 0, up.Output);
            Assert.Equal(5, up.Output.Split('\n').Count(line => line.Contains("healthy", StringComparison.Ordinal)));

            var id = $"script-{Guid.NewGuid():N}";
            List<Frame> first;
            await using (var client = await ProtocolClient.ConnectAsync(gateways[0], id))
            {
                await client.SendMessageAsync("m1", "How much does it cost?");
                first = await client.UntilAsync(f => f.IsReply(1));
            }

            await using (var other = await ProtocolClient.ConnectAsync(gateways[1], id, lastSeq: 2))
            {
                var replay = await other.UntilAsync(f => f.IsReply(1));
                Assert.Equal(first.Skip(2).Select(f => f.Raw), replay.Skip(1).Select(f => f.Raw));
            }
        }
        finally
        {
            var down = await ScriptAsync("down", environment);
            Assert.True(down.ExitCode == 0, down.Output);
            Directory.Delete(folder, recursive: true);
        }

        var status = await ScriptAsync("status", environment);
        Assert.Contains("no local cluster", status.Output, StringComparison.Ordinal);
    }

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);

    private static async Task<(int ExitCode, string Output)> ScriptAsync(string command, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "deploy", "local", "cluster.sh"), command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
