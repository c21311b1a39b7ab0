using Microsoft.Extensions.Options;

namespace Conversations.Grains.Intelligence;

/// <summary>Checks <see cref="IntelligenceOptions"/> at start-up, naming the key to fix.</summary>
public sealed class IntelligenceOptionsValidator : IValidateOptions<IntelligenceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IntelligenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = IntelligenceOptions.SectionName;
        if (options.HandoffThreshold is <= 0 or > 1 || double.IsNaN(options.HandoffThreshold))
        {
            failures.Add($"{Section}:HandoffThreshold must be more than 0 and at most 1 (was {options.HandoffThreshold}).");
        }

        if (options.InterruptEscapeConfidence is < 0 or > 1 || double.IsNaN(options.InterruptEscapeConfidence))
        {
            failures.Add($"{Section}:InterruptEscapeConfidence must be between 0 and 1 (was {options.InterruptEscapeConfidence}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
