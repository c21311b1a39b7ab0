namespace Conversations.Gateway.Tests.EndToEnd;

/// <summary>
/// Tests that bound the process's managed heap. They run alone, after the parallel tests: another test's
/// gateway in the same process would otherwise count towards their figure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "memory measured";
}
