using System.Runtime.InteropServices;

namespace Conversations.Tests.Support;

/// <summary>Sends a Unix signal without depending on a <c>kill</c> program being installed.</summary>
internal static partial class NativeSignals
{
    private const int SigTerm = 15;

    /// <summary>SIGTERM; returns 0 on success.</summary>
    public static int Terminate(int processId) => Kill(processId, SigTerm);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
