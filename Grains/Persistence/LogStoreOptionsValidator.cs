using Microsoft.Extensions.Options;

namespace Conversations.Grains.Persistence;

/// <summary>Checks <see cref="LogStoreOptions"/> at start-up, naming the key to fix.</summary>
public sealed class LogStoreOptionsValidator : IValidateOptions<LogStoreOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LogStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Writers is < 1 or > 64)
        {
            failures.Add($"{LogStoreOptions.SectionName}:Writers must be between 1 and 64 (was {options.Writers}).");
        }

        if (options.MaxBatch is < 1 or > 10_000)
        {
            failures.Add($"{LogStoreOptions.SectionName}:MaxBatch must be between 1 and 10000 (was {options.MaxBatch}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
