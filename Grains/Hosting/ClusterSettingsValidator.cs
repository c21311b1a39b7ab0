using Conversations.Grains.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

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

        if (options.IdleDeactivation < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:IdleDeactivation must be at least 00:00:01 (was {options.IdleDeactivation}).");
        }

        if (!System.Net.IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            failures.Add($"{Section}:AdvertisedAddress must be an IP address such as 10.0.0.12 (was '{options.AdvertisedAddress}').");
        }

        if (options.UsesPostgres)
        {
            failures.AddRange(CheckConnectionString(options.PostgresConnectionString));
        }

        if (options.StreamPollInterval <= TimeSpan.Zero || options.StreamPollInterval > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{Section}:StreamPollInterval must be more than 0 and at most 00:00:10 (was {options.StreamPollInterval}).");
        }

        if (options.StreamCacheTime < TimeSpan.FromSeconds(1) || options.StreamCacheTime > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:StreamCacheTime must be from 00:00:01 to 01:00:00 (was {options.StreamCacheTime}).");
        }

        failures.AddRange(CheckTls(options.Tls));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Reads and checks the settings from configuration, throwing with every mistake listed.</summary>
    public static ClusterSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new ClusterSettings();
        configuration.GetSection(ClusterSettings.SectionName).Bind(settings);
        settings.PostgresConnectionString = configuration.GetConnectionString(ClusterSettings.ConnectionStringName);
        var result = new ClusterSettingsValidator().Validate(null, settings);
        if (result.Failed)
        {
            throw new OptionsValidationException(ClusterSettings.SectionName, typeof(ClusterSettings), result.Failures);
        }

        return settings;
    }

    private static IEnumerable<string> CheckTls(ClusterTlsSettings tls)
    {
        if (!tls.Enabled)
        {
            yield break;
        }

        const string Section = ClusterTlsSettings.SectionName;
        foreach (var (key, path) in new[] { ("CertificatePath", tls.CertificatePath), ("KeyPath", tls.KeyPath), ("CaPath", tls.CaPath) })
        {
            if (string.IsNullOrEmpty(path))
            {
                yield return $"{Section}:{key} is required when any of {Section}:CertificatePath, KeyPath or CaPath is set (PEM files, such as a Kubernetes TLS Secret's tls.crt, tls.key and ca.crt).";
            }
            else if (!File.Exists(path))
            {
                yield return $"{Section}:{key}: no file at '{path}'.";
            }
        }

        if (tls.HandshakeTimeout <= TimeSpan.Zero || tls.HandshakeTimeout > TimeSpan.FromMinutes(5))
        {
            yield return $"{Section}:HandshakeTimeout must be more than 0 and at most 00:05:00 (was {tls.HandshakeTimeout}).";
        }
    }

    private static IEnumerable<string> CheckConnectionString(string? connectionString)
    {
        const string Key = "ConnectionStrings:" + ClusterSettings.ConnectionStringName;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            yield return $"{Key} is required when Cluster:Clustering or Cluster:Storage is Postgres " +
                "(for example \"Host=127.0.0.1;Port=5432;Database=conversations;Username=conversations;Password=...\").";
            yield break;
        }

        NpgsqlConnectionStringBuilder? parsed = null;
        string? error = null;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            error = $"{Key} is not a valid PostgreSQL connection string: {exception.Message}";
        }

        if (error is not null)
        {
            yield return error;
            yield break;
        }

        if (string.IsNullOrWhiteSpace(parsed!.Host))
        {
            yield return $"{Key} has no Host.";
        }

        if (string.IsNullOrWhiteSpace(parsed.Database))
        {
            yield return $"{Key} has no Database.";
        }
    }
}
