using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Noise;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Simulator.Beds;
using AtdMonitor.Simulator.Records;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Simulator.Tests;

public sealed class RealRecordTests
{
    [Fact]
    public async Task The_windows_of_a_bundled_record_reassemble_to_its_exact_MLII_and_second_lead_samples() =>
        await AssertReassemblesAsync(Path.Combine(TestData.Samples, "mitdb"), "100");

    [SkippableFact]
    public async Task Record_114_with_its_leads_swapped_in_the_header_is_sent_with_MLII_first() =>
        await AssertReassemblesAsync(TestData.RequireMitdb(), "114");

    [Fact]
    public void A_noisy_replay_sends_the_noise_realisation_the_offline_evaluation_scores()
    {
        var mitdb = Path.Combine(TestData.Samples, "mitdb");
        var noise = EcgNoise.AtSnr(12, seed: 1);
        var record = WfdbReader.ReadRecord(mitdb, "100");
        var (lead0, lead1) = BeatDatasetBuilder.LeadsOf(record);
        var expected0 = record.ToMillivolts(lead0);
        var expected1 = record.ToMillivolts(lead1);
        noise.AddTo(expected0, record.SampleRate, "100", lead0);
        noise.AddTo(expected1, record.SampleRate, "100", lead1);

        var replay = new RecordLibrary(mitdb, noise).Get("100");

        Assert.Equal(expected0, replay.Lead0);
        Assert.Equal(expected1, replay.Lead1);
        Assert.NotEqual(record.ToMillivolts(lead0), replay.Lead0);
    }

    [Fact]
    public void Beds_beyond_the_records_reuse_them_from_different_whole_window_offsets()
    {
        var library = new RecordLibrary(Path.Combine(TestData.Samples, "mitdb"));
        var plan = BedPlan.Create(library, ["100", "119"], beds: 5, reuseOffset: TimeSpan.FromSeconds(97));

        Assert.Equal(["100", "119", "100", "119", "100"], plan.Select(b => b.Record.Name));
        Assert.Equal([0, 0, 97 * 360, 97 * 360, 2 * 97 * 360], plan.Select(b => b.StartSample));
        Assert.Same(plan[0].Record, plan[2].Record);
        Assert.Equal(["bed0001", "bed0002", "bed0003", "bed0004", "bed0005"], plan.Select(b => b.Bed));
    }

    private static async Task AssertReassemblesAsync(string mitdb, string name)
    {
        var record = WfdbReader.ReadRecord(mitdb, name);
        var mlii = record.IndexOfLead("MLII");
        var replay = ReplayRecord.Load(mitdb, name);
        var messages = await ReplayEngineTests.ReplayAsync([new BedAssignment("bed0001", replay, 0)], windows: 20);

        var ecg = ReplayEngineTests.Decode<EcgWindow>(messages).ToList();
        var lead0 = ecg.SelectMany(w => w.Lead(0).ToArray()).ToArray();
        var lead1 = ecg.SelectMany(w => w.Lead(1).ToArray()).ToArray();
        Assert.Equal(20 * 360, lead0.Length);
        Assert.Equal(record.ToMillivolts(mlii).AsSpan(0, lead0.Length).ToArray(), lead0);
        Assert.Equal(record.ToMillivolts(1 - mlii).AsSpan(0, lead1.Length).ToArray(), lead1);
        Assert.Equal("MLII", replay.LeadNames[0]);
    }
}
