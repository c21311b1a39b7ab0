using System.Globalization;

namespace Conversations.Gateway.Dialects.MeetingMuse;

/// <summary>
/// MeetingMuse's environment settings, accepted under their own names and mapped onto ours. A setting given
/// under our name as well keeps our name's value.
/// </summary>
public static class MeetingMuseSettings
{
    /// <summary>Adds the values of MeetingMuse's settings under the keys they stand for.</summary>
    public static IConfigurationManager AddMeetingMuseSettingNames(this IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var mapped = new Dictionary<string, string?>();
        Map(configuration, mapped, "LLM_TIMEOUT_SECONDS", "Responders:ReplyTimeout", Seconds);
        Map(configuration, mapped, "CONVERSATION_TTL_HOURS", "Conversations:Retention", Hours);
        Map(configuration, mapped, "MAX_CONCURRENT_CONVERSATIONS", "Gateway:MaxConnections", value => value);
        Map(configuration, mapped, "STREAMING_ENABLED", $"{MeetingMuseOptions.SectionName}:Streaming", value => value);
        if (mapped.Count > 0)
        {
            configuration.AddInMemoryCollection(mapped);
        }

        return configuration;
    }

    private static void Map(IConfiguration configuration, Dictionary<string, string?> mapped, string theirs, string ours, Func<string, string> convert)
    {
        if (configuration[theirs] is { Length: > 0 } value && configuration[ours] is null)
        {
            mapped[ours] = convert(value.Trim());
        }
    }

    // A number that does not parse is passed on as it is, so that our validator names the key to fix.
    private static string Seconds(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture)
            : value;

    private static string Hours(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var hours)
            ? TimeSpan.FromHours(hours).ToString("c", CultureInfo.InvariantCulture)
            : value;
}
