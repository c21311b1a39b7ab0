using Microsoft.Playwright;

namespace Conversations.Tests.Support;

/// <summary>
/// Headless Chromium driven by Playwright. It launches the system's browser (Debian's <c>chromium</c>, or
/// the one <c>CHROMIUM_PATH</c> names), so no browser is downloaded and <c>playwright install</c> is never
/// run; Playwright's driver itself ships in its package. Each page gets a fresh browser context (its own
/// cookies and storage), and dispose closes the browser and stops the driver.
/// </summary>
/// <example>
/// <code>
/// await using var browser = await BrowserSession.StartAsync();
/// var page = await browser.NewPageAsync();
/// await page.GotoAsync(new Uri(gateway.HttpUri, "/").ToString());
/// await page.WaitForFunctionAsync("document.getElementById('conn').dataset.state === 'connected'");
/// </code>
/// </example>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>Where Debian's <c>chromium</c> package installs the browser.</summary>
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>How long a page waits for a navigation, a selector or a function unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>The browser executable: <c>CHROMIUM_PATH</c> when set, else <see cref="DefaultPath"/>.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : DefaultPath;

    /// <summary>
    /// Starts Playwright's driver and launches the browser headless. Fails, naming the package to install,
    /// when the browser is missing.
    /// </summary>
    public static async Task<BrowserSession> StartAsync()
    {
        var path = ExecutablePath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {path}. Install Debian's chromium package (apt-get install chromium; tests/run.sh does this) or set CHROMIUM_PATH.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = path,
                Headless = true,
                Timeout = (float)DefaultTimeout.TotalMilliseconds,

                // No GPU and a small /dev/shm in containers.
                Args = ["--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions"],
            });
            return new BrowserSession(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens a blank page in a new browser context, with <see cref="DefaultTimeout"/> on every wait.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync();
        context.SetDefaultTimeout((float)DefaultTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)DefaultTimeout.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _browser.CloseAsync();
        }
        finally
        {
            _playwright.Dispose();
        }
    }
}
