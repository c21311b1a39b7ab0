using System.Runtime.InteropServices;

namespace Conversations.Benchmarks;

/// <summary>The CPU time the calling thread has used (Linux), which time spent waiting for a core does not count.</summary>
internal static partial class ThreadClock
{
    private const int ThreadCpuTime = 3;

    /// <summary>Whether the clock can be read here.</summary>
    public static bool Available => OperatingSystem.IsLinux();

    /// <summary>The thread's CPU time in milliseconds.</summary>
    public static double Milliseconds()
    {
        if (!Available || ClockGetTime(ThreadCpuTime, out var time) != 0)
        {
            return 0;
        }

        return (time.Seconds * 1000.0) + (time.Nanoseconds / 1e6);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct TimeSpec
    {
        public readonly long Seconds;
        public readonly long Nanoseconds;
    }
}
