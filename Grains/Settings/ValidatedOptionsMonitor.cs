using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Conversations.Grains.Settings;

/// <summary>
/// An <see cref="IOptionsMonitor{TOptions}"/> that applies a settings change only once its validators accept
/// it. The stock monitor, given an invalid change, throws from <c>CurrentValue</c> until the file is fixed;
/// this one refuses the change with a log line and keeps serving the last valid value.
/// </summary>
/// <typeparam name="TOptions">The options class.</typeparam>
public sealed class ValidatedOptionsMonitor<TOptions> : IOptionsMonitor<TOptions>, IDisposable
    where TOptions : class
{
    private readonly IOptionsFactory<TOptions> _factory;
    private readonly ILogger _logger;
    private readonly List<IDisposable> _registrations = [];
    private readonly Lock _gate = new();
    private readonly List<Action<TOptions, string?>> _listeners = [];
    private TOptions _current;

    /// <summary>Creates the monitor; invalid settings at start throw, as <c>ValidateOnStart</c> wants.</summary>
    public ValidatedOptionsMonitor(
        IOptionsFactory<TOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<TOptions>> sources,
        ILogger<ValidatedOptionsMonitor<TOptions>> logger)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(sources);
        _factory = factory;
        _logger = logger;
        _current = factory.Create(Options.DefaultName);
        foreach (var source in sources.Where(s => (s.Name ?? Options.DefaultName) == Options.DefaultName))
        {
            _registrations.Add(ChangeToken.OnChange(source.GetChangeToken, Reload));
        }
    }

    /// <inheritdoc />
    public TOptions CurrentValue => Volatile.Read(ref _current);

    /// <inheritdoc />
    public TOptions Get(string? name) =>
        (name ?? Options.DefaultName) == Options.DefaultName ? CurrentValue : _factory.Create(name!);

    /// <inheritdoc />
    public IDisposable? OnChange(Action<TOptions, string?> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void Reload()
    {
        TOptions next;
        try
        {
            next = _factory.Create(Options.DefaultName);
        }
        catch (OptionsValidationException exception)
        {
            SettingsLog.ChangeRefused(_logger, typeof(TOptions).Name, string.Join(" ", exception.Failures));
            return;
        }
        catch (InvalidOperationException exception)
        {
            // The binder could not convert a value ("abc" for a number).
            SettingsLog.ChangeRefused(_logger, typeof(TOptions).Name, exception.Message);
            return;
        }

        Volatile.Write(ref _current, next);
        SettingsLog.ChangeApplied(_logger, typeof(TOptions).Name);
        Action<TOptions, string?>[] listeners;
        lock (_gate)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener(next, Options.DefaultName);
        }
    }

    private sealed class Subscription(ValidatedOptionsMonitor<TOptions> monitor, Action<TOptions, string?> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (monitor._gate)
            {
                monitor._listeners.Remove(listener);
            }
        }
    }
}
