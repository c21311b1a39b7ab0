using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Domain;

/// <summary>
/// The domain pack in use. Read once at start (<see cref="DomainOptionsValidator"/> has checked it); then the
/// pack's file is watched and <c>Conversations:Domain</c> followed through <see cref="IOptionsMonitor{TOptions}"/>:
/// a new version that checks out replaces the pack for the turns that follow, one that does not is refused with a
/// log line and the pack in use is kept.
/// </summary>
public sealed partial class DomainPackSource : IDisposable
{
    private static readonly Lazy<DomainPack> DefaultPack = new(() => DomainPackReader.Load(DomainOptions.DefaultDomain));

    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private readonly IDisposable? _optionsSubscription;
    private volatile DomainPack _current;
    private string? _domain;
    private FileSystemWatcher? _watcher;

    /// <summary>A source that always gives <paramref name="pack"/>.</summary>
    public DomainPackSource(DomainPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        _current = pack;
        _logger = NullLogger.Instance;
    }

    /// <summary>A source that reads the pack <c>Conversations:Domain</c> names and follows its changes.</summary>
    public DomainPackSource(IOptionsMonitor<DomainOptions> options, ILogger<DomainPackSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _domain = options.Get(DomainOptions.WatchedName).Domain;
        _current = DomainPackReader.Load(_domain);
        Watch(DomainPackReader.Resolve(_domain));
        LogLoaded(_current.Name, _current.Origin);
        _optionsSubscription = options.OnChange((changed, name) =>
        {
            if (name == DomainOptions.WatchedName && !string.Equals(changed.Domain, _domain, StringComparison.Ordinal))
            {
                Switch(changed.Domain);
            }
        });
    }

    /// <summary>The shipped DM sales pack, read once per process.</summary>
    public static DomainPack Default => DefaultPack.Value;

    /// <summary>The pack for the next turn.</summary>
    public DomainPack Current => _current;

    /// <summary>Raised with the new pack after one replaced the pack in use.</summary>
    public event Action<DomainPack>? Changed;

    /// <summary>Raised with the error after a new version was refused (the pack in use is kept).</summary>
    public event Action<string>? Refused;

    /// <summary>Reads the watched file again now (the watcher does this on every change).</summary>
    public void Reload()
    {
        lock (_lock)
        {
            if (_domain is null)
            {
                return;
            }

            Apply(_domain);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optionsSubscription?.Dispose();
        lock (_lock)
        {
            _watcher?.Dispose();
            _watcher = null;
            _domain = null;
        }
    }

    private void Switch(string domain)
    {
        lock (_lock)
        {
            if (_domain is null)
            {
                return;
            }

            if (Apply(domain))
            {
                _domain = domain;
                _watcher?.Dispose();
                Watch(DomainPackReader.Resolve(domain));
            }
        }
    }

    private bool Apply(string domain)
    {
        DomainPack pack;
        try
        {
            pack = DomainPackReader.Load(domain);
        }
        catch (DomainPackException exception)
        {
            LogRefused(_current.Name, exception.Message);
            Refused?.Invoke(exception.Message);
            return false;
        }

        _current = pack;
        LogReloaded(pack.Name, pack.Origin);
        Changed?.Invoke(pack);
        return true;
    }

    private void Watch(string path)
    {
        var folder = Path.GetDirectoryName(path);
        if (folder is null || !Directory.Exists(folder))
        {
            return;
        }

        _watcher = new FileSystemWatcher(folder, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Reload();
        _watcher.Created += (_, _) => Reload();
        _watcher.Renamed += (_, _) => Reload();
        _watcher.EnableRaisingEvents = true;
    }
}
