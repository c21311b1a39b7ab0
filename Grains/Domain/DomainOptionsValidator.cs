using Microsoft.Extensions.Options;

namespace Conversations.Grains.Domain;

/// <summary>Checks at start-up that <c>Conversations:Domain</c> names a pack that reads and checks out.</summary>
public sealed class DomainOptionsValidator : IValidateOptions<DomainOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DomainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name is not null && name != Options.DefaultName)
        {
            // Changes after start are checked, and refused if need be, by DomainPackSource.
            return ValidateOptionsResult.Skip;
        }

        if (string.IsNullOrWhiteSpace(options.Domain))
        {
            return ValidateOptionsResult.Fail($"{DomainOptions.SectionName}:Domain must name a shipped pack ({string.Join(", ", DomainPackReader.ShippedNames)}) or a pack file.");
        }

        try
        {
            DomainPackReader.Load(options.Domain);
            return ValidateOptionsResult.Success;
        }
        catch (DomainPackException exception)
        {
            return ValidateOptionsResult.Fail($"{DomainOptions.SectionName}:Domain '{options.Domain}' is not a usable pack: {exception.Message}");
        }
    }
}
