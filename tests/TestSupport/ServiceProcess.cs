using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Conversations.Tests.Support;

/// <summary>
/// A gateway or silo as a separate operating-system process (<c>dotnet Conversations.Gateway.dll</c>),
/// configured by environment variables the way a deployment configures it, so that tests can kill it
/// (SIGKILL) or stop it (SIGTERM) for real.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly string _readyPath;

    private ServiceProcess(Process process, Uri httpUri, string readyPath, IReadOnlyDictionary<string, string> settings)
    {
        _process = process;
        _readyPath = readyPath;
        Settings = settings;
        HttpUri = httpUri;
        WebSocketUri = new UriBuilder(httpUri) { Scheme = "ws" }.Uri;
    }

    public Uri HttpUri { get; }

    public Uri WebSocketUri { get; }

    public int ProcessId => _process.Id;

    /// <summary>The settings it was started with, to start it again the same way.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public bool HasExited => _process.HasExited;

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
    public static Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string> settings) => StartGatewayAsync(settings);

    /// <summary>Starts a gateway process from the test's output folder and waits for <c>/health/ready</c>.</summary>
    public static Task<ServiceProcess> StartGatewayAsync(IReadOnlyDictionary<string, string> settings) =>
        StartAsync(Path.Combine(AppContext.BaseDirectory, "Conversations.Gateway.dll"), "/health/ready", settings);

    /// <summary>Starts a silo process from the Silo project's output folder and waits for <c>/health</c>.</summary>
    public static Task<ServiceProcess> StartSiloAsync(IReadOnlyDictionary<string, string> settings) =>
        StartAsync(Path.Combine(RepositoryPaths.Output("Silo"), "Conversations.Silo.dll"), "/health", settings);

    private static async Task<ServiceProcess> StartAsync(string assembly, string readyPath, IReadOnlyDictionary<string, string> settings)
    {
        var port = settings.TryGetValue("Urls", out var urls) ? new Uri(urls).Port : FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(assembly);
        start.Environment["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings.Where(setting => setting.Key != "Urls"))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        var started = new Dictionary<string, string>(settings) { ["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}") };
        var gateway = new ServiceProcess(process, new Uri(started["Urls"]), readyPath, started);
        process.OutputDataReceived += (_, line) => gateway.Append(line.Data);
        process.ErrorDataReceived += (_, line) => gateway.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        return gateway;
    }

    public Task<ProtocolClient> ConnectAsync(string conversationId, long? lastSeq = null, string? query = null) =>
        ProtocolClient.ConnectAsync(WebSocketUri, conversationId, lastSeq, query);

    /// <summary>SIGTERM: the process shuts down gracefully; waits until it has exited.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (NativeSignals.Terminate(_process.Id) != 0)
        {
            throw new InvalidOperationException($"Could not send SIGTERM to process {_process.Id}.");
        }

        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
    }

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
                throw new InvalidOperationException($"The process exited with code {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(HttpUri, _readyPath));
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

        throw new TimeoutException($"The process was not ready within {timeout}:\n{Output}");
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
