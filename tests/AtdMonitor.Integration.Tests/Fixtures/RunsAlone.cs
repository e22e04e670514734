namespace AtdMonitor.Integration.Tests.Fixtures;

/// <summary>Tests that measure the whole test process (its managed memory) and so must not share it with other tests:
/// xunit runs this collection after the others, on its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
