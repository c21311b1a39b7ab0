using Microsoft.Extensions.Options;

namespace Conversations.Grains.Responders;

/// <summary>Checks <see cref="OfflineResponderOptions"/> at start-up, naming the key to fix.</summary>
public sealed class OfflineResponderOptionsValidator : IValidateOptions<OfflineResponderOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OfflineResponderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ChunkDelay < TimeSpan.Zero || options.ChunkDelay > TimeSpan.FromSeconds(5))
        {
            failures.Add($"{OfflineResponderOptions.SectionName}:ChunkDelay must be from 00:00:00 to 00:00:05 (was {options.ChunkDelay}).");
        }

        if (options.WordsPerChunk is < 1 or > 1000)
        {
            failures.Add($"{OfflineResponderOptions.SectionName}:WordsPerChunk must be from 1 to 1000 (was {options.WordsPerChunk}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
