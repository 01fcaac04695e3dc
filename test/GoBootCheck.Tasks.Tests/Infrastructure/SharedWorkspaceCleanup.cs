namespace GoBootCheck.Tasks.Tests.Infrastructure;

/// <summary>Deletes the workspace the test classes share, once all of them ran.</summary>
[TestClass]
public sealed class SharedWorkspaceCleanup
{
    [AssemblyCleanup]
    public static void Cleanup() => ConsumerWorkspace.DisposeShared();
}
