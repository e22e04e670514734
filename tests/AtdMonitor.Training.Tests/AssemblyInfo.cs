// Torch's random generator is process-wide: tests that reseed it (resume determinism) must not share it
// with tests running at the same time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
