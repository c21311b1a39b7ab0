using Microsoft.Extensions.Options;

namespace Conversations.Grains.Settings;

/// <summary>Options that never change, for a part that reads its options through a monitor but is built by hand.</summary>
/// <typeparam name="TOptions">The options class.</typeparam>
public sealed class FixedOptionsMonitor<TOptions>(TOptions value) : IOptionsMonitor<TOptions>
{
    /// <inheritdoc />
    public TOptions CurrentValue => value;

    /// <inheritdoc />
    public TOptions Get(string? name) => value;

    /// <inheritdoc />
    public IDisposable? OnChange(Action<TOptions, string?> listener) => null;
}
