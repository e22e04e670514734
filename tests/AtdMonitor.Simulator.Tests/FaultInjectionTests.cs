using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Protocol.Validation;
using AtdMonitor.Simulator.Beds;
using AtdMonitor.Simulator.Faults;
using AtdMonitor.Simulator.Replay;

namespace AtdMonitor.Simulator.Tests;

public sealed class FaultInjectionTests
{
    private static readonly FaultOptions Mixed = new()
    {
        DropRate = 0.05,
        DuplicateRate = 0.04,
        ReorderRate = 0.03,
        CorruptRate = 0.02,
        ImageDelayRate = 0.1,
        ImageDelay = TimeSpan.FromMilliseconds(20),
        Seed = 7,
    };

    [Fact]
    public void Each_fault_occurs_at_its_rate_within_sampling_error()
    {
        const int draws = 40_000;
        var injector = new FaultInjector(Mixed);
        var counts = new Dictionary<FaultKind, int>();
        for (var i = 0; i < draws; i++)
        {
            var kind = injector.Next(isImage: i % 2 == 1);
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }

        AssertRate(counts.GetValueOrDefault(FaultKind.Drop), draws, Mixed.DropRate);
        AssertRate(counts.GetValueOrDefault(FaultKind.Duplicate), draws, Mixed.DuplicateRate);
        AssertRate(counts.GetValueOrDefault(FaultKind.Reorder), draws, Mixed.ReorderRate);
        AssertRate(counts.GetValueOrDefault(FaultKind.Corrupt), draws, Mixed.CorruptRate);
        AssertRate(counts.GetValueOrDefault(FaultKind.DelayImage), draws / 2, Mixed.ImageDelayRate);
    }

    [Fact]
    public void The_same_seed_draws_the_same_faults_and_another_seed_does_not()
    {
        static FaultKind[] Draw(FaultOptions options)
        {
            var injector = new FaultInjector(options);
            return [.. Enumerable.Range(0, 2000).Select(i => injector.Next(i % 2 == 0))];
        }

        Assert.Equal(Draw(Mixed), Draw(Mixed));
        Assert.NotEqual(Draw(Mixed), Draw(Mixed with { Seed = 8 }));
    }

    [Fact]
    public void Every_corrupted_payload_is_rejected_by_the_protocol_validator()
    {
        var injector = new FaultInjector(Mixed);
        var window = new EcgWindow("bed0001", 3, DateTimeOffset.UnixEpoch, 360, 2, EcgUnits.Millivolts, new float[720]);
        var payload = WireCodec.Encode(window);
        var validator = new WireValidator();
        for (var i = 0; i < 300; i++)
        {
            var outcome = validator.Validate(AtdTopics.Ecg("bed0001"), injector.Corrupt(payload));
            Assert.False(outcome.IsValid);
        }
    }

    [Fact]
    public async Task The_replay_sends_what_its_fault_counters_say()
    {
        var record = SyntheticRecords.Create("910", 200 * WireWindow.SamplesPerWindow);
        var beds = Enumerable.Range(0, 4).Select(i => new BedAssignment($"bed{i:D4}", record, i * WireWindow.SamplesPerWindow)).ToArray();
        var publisher = new CapturingPublisher();
        using var engine = new ReplayEngine(beds, publisher, new ReplayOptions { Windows = 150, AsFastAsPossible = true, Faults = Mixed });
        await engine.RunAsync(CancellationToken.None);

        var faults = engine.Statistics.Faults;
        var messages = publisher.Messages.ToList();
        const int sent = 4 * 150 * 2;
        Assert.Equal(sent - faults.Dropped + faults.Duplicated, messages.Count);
        Assert.Equal(messages.Count, engine.Statistics.Published);
        AssertRate((int)faults.Dropped, sent, Mixed.DropRate);

        var validator = new WireValidator();
        var rejected = messages.Count(m => !validator.Validate(m.Topic, m.Payload).IsValid);
        Assert.Equal(faults.Corrupted, rejected);

        // A reordered window arrives after a later one of the same bed and kind; a delayed image after later ones too.
        var outOfOrder = messages.Select(m => WireCodec.TryDecode(m.Payload, out var decoded, out _) ? decoded : null)
            .Where(m => m is EcgWindow or SpectrogramWindow)
            .GroupBy(m => (m!.Id, m.GetType()))
            .Sum(g => CountLateArrivals(g.Select(m => m is EcgWindow e ? e.Sequence : ((SpectrogramWindow)m!).Sequence)));
        Assert.InRange(outOfOrder, faults.Reordered, faults.Reordered + faults.DelayedImages);
        Assert.True(faults.DelayedImages > 0);
    }

    [Fact]
    public void Rates_that_sum_above_one_are_refused_with_the_options_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new FaultInjector(new FaultOptions { DropRate = 0.6, CorruptRate = 0.6 }));
        Assert.Contains("--drop", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new FaultInjector(new FaultOptions { DuplicateRate = 1.5 }));
    }

    private static int CountLateArrivals(IEnumerable<long> sequences)
    {
        var late = 0;
        var highest = long.MinValue;
        foreach (var sequence in sequences)
        {
            if (sequence < highest)
            {
                late++;
            }

            highest = Math.Max(highest, sequence);
        }

        return late;
    }

    private static void AssertRate(int count, int trials, double rate)
    {
        var sigma = Math.Sqrt(trials * rate * (1 - rate));
        Assert.InRange(count, (trials * rate) - (4 * sigma), (trials * rate) + (4 * sigma));
    }
}
