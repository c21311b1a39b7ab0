using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Conversations.Tests.Support;

/// <summary>
/// The gateway as a separate operating-system process (<c>dotnet Conversations.Gateway.dll</c>), configured
/// by environment variables the way a deployment configures it, so that tests can kill it for real.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GatewayProcess(Process process, Uri httpUri)
    {
        _process = process;
        HttpUri = httpUri;
        WebSocketUri = new UriBuilder(httpUri) { Scheme = "ws" }.Uri;
    }

    public Uri HttpUri { get; }

    public Uri WebSocketUri { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the gateway with <paramref name="settings"/> (configuration keys such as <c>Cluster:Storage</c>) and waits until it is ready.</summary>
    public static async Task<GatewayProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Conversations.Gateway.dll"));
        start.Environment["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        var gateway = new GatewayProcess(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")));
        process.OutputDataReceived += (_, line) => gateway.Append(line.Data);
        process.ErrorDataReceived += (_, line) => gateway.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        return gateway;
    }

    public Task<ProtocolClient> ConnectAsync(string conversationId, long? lastSeq = null, string? query = null) =>
        ProtocolClient.ConnectAsync(WebSocketUri, conversationId, lastSeq, query);

    /// <summary>SIGKILL: the process dies at once, without running any shutdown code.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with code {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(HttpUri, "/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The gateway was not ready within {timeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
