using System.Globalization;
using System.Text;

namespace Conversations.EchoServer;

/// <summary>
/// <c>/metrics</c> with the two samples the load tool reads, under the names the gateway's runtime metrics
/// use, so that the echo server's memory is read the same way as the gateway's.
/// </summary>
public static class MemoryEndpoint
{
    public static string Render()
    {
        var info = GC.GetGCMemoryInfo();
        var text = new StringBuilder();
        for (var generation = 0; generation < info.GenerationInfo.Length; generation++)
        {
            text.Append(CultureInfo.InvariantCulture, $"dotnet_gc_last_collection_heap_size_bytes{{gc_heap_generation=\"{generation}\"}} {info.GenerationInfo[generation].SizeAfterBytes}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"dotnet_process_memory_working_set_bytes {Environment.WorkingSet}\n");
        return text.ToString();
    }
}
