using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Settings;

/// <summary>Registers options whose changes apply while the process runs, once validated.</summary>
public static class LiveOptionsExtensions
{
    /// <summary>
    /// Serves <see cref="IOptionsMonitor{TOptions}"/> of <typeparamref name="TOptions"/> through a
    /// <see cref="ValidatedOptionsMonitor{TOptions}"/>: a reloaded settings file applies to those who read
    /// <c>CurrentValue</c> when they use a setting, and an invalid change is refused with a log line.
    /// </summary>
    public static OptionsBuilder<TOptions> ReloadLive<TOptions>(this OptionsBuilder<TOptions> builder)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IOptionsMonitor<TOptions>, ValidatedOptionsMonitor<TOptions>>();
        return builder;
    }
}
