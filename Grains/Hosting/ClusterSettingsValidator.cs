using Microsoft.Extensions.Options;

namespace Conversations.Grains.Hosting;

/// <summary>Checks <see cref="ClusterSettings"/> before the silo or client starts, naming the key to fix.</summary>
public sealed class ClusterSettingsValidator : IValidateOptions<ClusterSettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ClusterSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = ClusterSettings.SectionName;
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{Section}:ClusterId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{Section}:ServiceId must not be empty.");
        }

        if (!Enum.IsDefined(options.Clustering))
        {
            failures.Add($"{Section}:Clustering must be one of: {string.Join(", ", Enum.GetNames<ClusteringMode>())}.");
        }

        if (!Enum.IsDefined(options.Storage))
        {
            failures.Add($"{Section}:Storage must be one of: {string.Join(", ", Enum.GetNames<StorageMode>())}.");
        }

        if (options.SiloPort is < 1 or > 65535)
        {
            failures.Add($"{Section}:SiloPort must be a TCP port from 1 to 65535 (was {options.SiloPort}).");
        }

        if (options.GatewayPort is < 1 or > 65535)
        {
            failures.Add($"{Section}:GatewayPort must be a TCP port from 1 to 65535 (was {options.GatewayPort}).");
        }

        if (options.StreamPollInterval <= TimeSpan.Zero || options.StreamPollInterval > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{Section}:StreamPollInterval must be more than 0 and at most 00:00:10 (was {options.StreamPollInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Reads and checks the settings from configuration, throwing with every mistake listed.</summary>
    public static ClusterSettings Read(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new ClusterSettings();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration.GetSection(ClusterSettings.SectionName), settings);
        var result = new ClusterSettingsValidator().Validate(null, settings);
        if (result.Failed)
        {
            throw new OptionsValidationException(ClusterSettings.SectionName, typeof(ClusterSettings), result.Failures);
        }

        return settings;
    }
}
