// torch's default random generator is process-wide: tests that seed it must not interleave with others.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
