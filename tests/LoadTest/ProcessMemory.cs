namespace Conversations.LoadTest;

/// <summary>One process's memory before and after a run, and the difference per connection.</summary>
/// <param name="Source"><c>pid N</c> (RSS from /proc/N/status) or a metrics address (GC heap and working set from /metrics).</param>
/// <param name="RssBeforeBytes">Resident set before the sockets were opened.</param>
/// <param name="RssAfterBytes">Resident set with the sockets still open, at the end.</param>
/// <param name="GcHeapBeforeBytes">Managed heap after the last collection, before.</param>
/// <param name="GcHeapAfterBytes">Managed heap after the last collection, after.</param>
/// <param name="RssPerConnectionBytes">(after − before) / connections opened.</param>
/// <param name="GcHeapPerConnectionBytes">(after − before) / connections opened.</param>
public sealed record ProcessMemory(
    string Source,
    long? RssBeforeBytes,
    long? RssAfterBytes,
    long? GcHeapBeforeBytes,
    long? GcHeapAfterBytes,
    double? RssPerConnectionBytes,
    double? GcHeapPerConnectionBytes);
