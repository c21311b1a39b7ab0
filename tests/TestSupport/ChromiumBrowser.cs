using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conversations.Tests.Support;

/// <summary>
/// Headless Chromium driven over the Chrome DevTools Protocol: one page, navigated and inspected by
/// evaluating JavaScript in it. The browser runs in a throwaway profile, and its whole process tree is
/// killed on dispose.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    /// <summary>Where Debian's <c>chromium</c> package installs the browser.</summary>
    public const string DefaultPath = "/usr/bin/chromium";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _page = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task _reading = Task.CompletedTask;
    private int _nextId;

    private ChromiumBrowser(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>
    /// Starts the browser (the path in <c>CHROMIUM_PATH</c>, else <see cref="DefaultPath"/>) and attaches
    /// to its first page. Fails, naming the package to install, when the browser is missing.
    /// </summary>
    public static async Task<ChromiumBrowser> StartAsync()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : DefaultPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {path}. Install Debian's chromium package (apt-get install chromium; tests/run.sh does this) or set CHROMIUM_PATH.");
        }

        var profile = Directory.CreateTempSubdirectory("conversations-chromium-").FullName;
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-extensions",
            "--no-first-run", "--disable-dev-shm-usage", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;

        // Chromium is chatty on stderr (no D-Bus in a container); drain both pipes so it never blocks on them.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new ChromiumBrowser(process, profile);
        try
        {
            await browser.AttachAsync();
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one DevTools command and returns its <c>result</c>.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await _sendLock.WaitAsync(timeout.Token);
        try
        {
            await _page.SendAsync(message, WebSocketMessageType.Text, true, timeout.Token);
        }
        finally
        {
            _sendLock.Release();
        }

        return await reply.Task.WaitAsync(CommandTimeout);
    }

    /// <summary>Opens <paramref name="url"/> and waits until its document has loaded.</summary>
    public async Task NavigateAsync(Uri url)
    {
        await SendAsync("Page.navigate", new { url = url.ToString() });
        await WaitForAsync("document.readyState === 'complete' && location.href !== 'about:blank'", TimeSpan.FromSeconds(30));
    }

    /// <summary>Evaluates a JavaScript expression (awaiting it if it is a promise) and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"JavaScript failed: {exception}");
        }

        var value = result.GetProperty("result");
        return value.TryGetProperty("value", out var json) ? json.Clone() : default;
    }

    /// <summary>
    /// Waits, inside the page, until <paramref name="condition"/> (a JavaScript expression) is true: it is
    /// checked on every change to the document, and the wait fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForAsync(string condition, TimeSpan timeout)
    {
        var script = $$"""
            new Promise((resolve, reject) => {
              const check = () => { try { return !!({{condition}}); } catch { return false; } };
              if (check()) { resolve(true); return; }
              const observer = new MutationObserver(() => { if (check()) { observer.disconnect(); clearTimeout(timer); resolve(true); } });
              observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
              const timer = setTimeout(() => { observer.disconnect(); check() ? resolve(true) : reject(new Error('timed out waiting for: ' + {{JsonSerializer.Serialize(condition)}})); }, {{(int)timeout.TotalMilliseconds}});
            })
            """;
        await EvaluateAsync(script);
    }

    /// <summary>Types text into the focused element, as a keyboard would.</summary>
    public Task InsertTextAsync(string text) => SendAsync("Input.insertText", new { text });

    public async ValueTask DisposeAsync()
    {
        _page.Abort();
        await _reading;
        _page.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
        finally
        {
            _process.Dispose();
            _sendLock.Dispose();
        }

        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child; the temporary folder is cleaned up with the machine.
        }
    }

    private async Task AttachAsync()
    {
        // Chromium writes its DevTools port to the profile once it listens.
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        var lines = await Eventually.GetAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Chromium exited with code {_process.ExitCode} while starting.");
                }

                return File.Exists(portFile) ? await File.ReadAllLinesAsync(portFile) : [];
            },
            content => content.Length >= 1 && content[0].Length > 0,
            TimeSpan.FromSeconds(30));
        var port = int.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var targets = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list")))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _page.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), timeout.Token);
        _reading = ReadAsync();
        await SendAsync("Page.enable");
        await SendAsync("Runtime.enable");
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _page.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                using var json = JsonDocument.Parse(message.GetBuffer().AsMemory(0, (int)message.Length));
                message.SetLength(0);
                if (json.RootElement.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var reply))
                {
                    if (json.RootElement.TryGetProperty("error", out var error))
                    {
                        reply.TrySetException(new InvalidOperationException($"DevTools error: {error}"));
                    }
                    else
                    {
                        reply.TrySetResult(json.RootElement.GetProperty("result").Clone());
                    }
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The browser went away.
        }
        finally
        {
            foreach (var reply in _pending.Values)
            {
                reply.TrySetException(new InvalidOperationException("The browser closed its DevTools connection."));
            }
        }
    }
}
