using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace Conversations.LoadTest;

/// <summary>
/// Reads a process's memory from outside: resident set from <c>/proc/PID/status</c>, managed heap size and
/// working set from the <c>System.Runtime</c> metrics on its <c>/metrics</c> page, and, on request, a full
/// garbage collection first through the runtime's diagnostic port (the way <c>dotnet-gcdump</c> induces one),
/// so that nothing is added to the server for it.
/// </summary>
public static class MemoryProbe
{
    // Microsoft-Windows-DotNETRuntime keywords: GC (0x1) and GCHeapCollect (0x800000), which makes the runtime collect.
    private const long GcKeywords = 0x1 | 0x800000;

    /// <summary>VmRSS of a process, in bytes, or null when it cannot be read.</summary>
    public static long? ReadRss(int processId)
    {
        var path = $"/proc/{processId}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }

    /// <summary>Induces a blocking full collection in <paramref name="processId"/> and waits for it.</summary>
    public static async Task ForceGcAsync(int processId, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(processId);
        var providers = new[] { new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeywords) };
        using var session = client.StartEventPipeSession(providers, requestRundown: false, circularBufferMB: 16);
        var drain = session.EventStream.CopyToAsync(Stream.Null, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        await session.StopAsync(cancellationToken);
        await drain;
    }

    /// <summary>Sum of <c>dotnet_gc_last_collection_heap_size_bytes</c> over generations, and the working set, from a Prometheus page.</summary>
    public static async Task<(long? GcHeap, long? WorkingSet)> ReadMetricsAsync(HttpClient http, Uri metricsUrl, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(metricsUrl, cancellationToken);
        long? heap = null, workingSet = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("dotnet_gc_last_collection_heap_size_bytes", StringComparison.Ordinal))
            {
                heap = (heap ?? 0) + ValueOf(line);
            }
            else if (line.StartsWith("dotnet_process_memory_working_set_bytes", StringComparison.Ordinal))
            {
                workingSet = ValueOf(line);
            }
        }

        return (heap, workingSet);
    }

    // "name{labels} value [timestamp]"
    private static long ValueOf(string line)
    {
        var afterLabels = line.LastIndexOf('}') is var brace and >= 0 ? line[(brace + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..];
        return (long)double.Parse(afterLabels.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
