using System.CommandLine;
using System.Globalization;
using AtdMonitor.Simulator.Records;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Ingest;
using Spectre.Console;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd data noise-index</c>: how the worker's signal-quality check judges each 1-s window of a lead
/// (<see cref="SignalQualityAssessor"/>), per record: the noise index's percentiles (RMS of the second difference over
/// peak-to-peak; flat and saturated windows left out, their index means nothing), the share of poor windows, and for lead
/// 1 the share of windows in which a beat it misses is not believed (<see cref="Lead1BeatCheck"/>: poor, or the index at or
/// above <c>Alerts:SignalQuality:Lead1BelievedNoiseIndex</c>). With <c>--noise</c>, on the signal <c>atd score stream
/// --noise</c> replays.
/// </summary>
internal static class DataNoiseIndexCommand
{
    private static readonly double[] Percentiles = [0.10, 0.50, 0.90, 0.99];

    public static Command Create()
    {
        var data = DataOptions.DataDirectory();
        var records = new Option<string?>("--records") { Description = "Records: DS1, DS2, all, nonpaced or names such as 100,119 [default: every record in the folder]." };
        var lead = new Option<int>("--lead")
        {
            Description = "The lead: 0 (MLII in most records, the worker's beat lead) or 1 (the lead that confirms ventricular beats).",
            DefaultValueFactory = _ => 1,
        }.AcceptOnlyFromAmong("0", "1");
        var noise = NoiseOptions.Snr("Add the noise stress test's realistic noise at this SNR in dB to both leads first, as atd score stream --noise does.");
        var noiseSeed = NoiseOptions.Seed();
        var command = new Command("noise-index", "Prints how the signal-quality check judges each 1-s window of a lead, per record: noise index percentiles, poor windows, lead 1 not believed.")
        {
            data,
            records,
            lead,
            noise,
            noiseSeed,
        };
        command.SetAction(parseResult =>
        {
            var (directory, all) = DataOptions.Mitdb(parseResult.GetValue(data));
            var names = parseResult.GetValue(records) is { } selection ? RecordSelection.Parse(selection, new RecordLibrary(directory)) : all;
            if (names.Count == 0)
            {
                throw new ArgumentException($"{directory} holds no records; run 'atd data fetch mitdb DIR' first.");
            }

            var added = NoiseOptions.From(parseResult, noise, noiseSeed);
            var leadIndex = parseResult.GetValue(lead);
            var thresholds = new SignalQualityAlertOptions();
            var verdicts = new SignalQualityVerdict[names.Count][];
            Parallel.For(0, names.Count, i => verdicts[i] = WindowVerdicts(ReplayRecord.Load(directory, names[i], added), leadIndex, thresholds));

            var columns = new List<string> { "Record", "Windows", "p10", "p50", "p90", "p99", "Poor %" };
            if (leadIndex == 1)
            {
                columns.Add(Invariant($"Not believed (poor or ≥ {thresholds.Lead1BelievedNoiseIndex}) %"));
            }

            var table = new Table()
                .Title($"Signal-quality check of lead {leadIndex}'s 1-s windows, {directory}{(added is null ? string.Empty : $", {added.Describe()}")}")
                .AddColumns([.. columns]);
            for (var i = 0; i < names.Count; i++)
            {
                AddRow(table, names[i], verdicts[i], leadIndex, thresholds);
            }

            table.AddEmptyRow();
            AddRow(table, Invariant($"all {names.Count}"), [.. verdicts.SelectMany(v => v)], leadIndex, thresholds);
            DataOptions.Console(parseResult).Write(table);
            return 0;
        });
        return command;
    }

    private static SignalQualityVerdict[] WindowVerdicts(ReplayRecord record, int lead, SignalQualityAlertOptions thresholds)
    {
        var signal = lead == 0 ? record.Lead0 : record.Lead1;
        var verdicts = new SignalQualityVerdict[signal.Length / StreamContract.SamplesPerWindow];
        for (var w = 0; w < verdicts.Length; w++)
        {
            verdicts[w] = SignalQualityAssessor.Assess(signal.AsSpan(w * StreamContract.SamplesPerWindow, StreamContract.SamplesPerWindow), thresholds);
        }

        return verdicts;
    }

    private static void AddRow(Table table, string name, SignalQualityVerdict[] verdicts, int lead, SignalQualityAlertOptions thresholds)
    {
        var indices = verdicts.Where(v => v.Problem is not (SignalQualityVerdict.FlatLine or SignalQualityVerdict.Saturation)).Select(v => v.NoiseIndex).Order().ToArray();
        var cells = new List<string> { name, Invariant($"{verdicts.Length}") };
        cells.AddRange(Percentiles.Select(p => indices.Length == 0 ? "–" : Invariant($"{indices[(int)Math.Round(p * (indices.Length - 1))]:0.000}")));
        cells.Add(Share(verdicts, v => v.IsPoor));
        if (lead == 1)
        {
            cells.Add(Share(verdicts, v => v.IsPoor || v.NoiseIndex >= thresholds.Lead1BelievedNoiseIndex));
        }

        table.AddRow([.. cells]);
    }

    private static string Share(SignalQualityVerdict[] verdicts, Func<SignalQualityVerdict, bool> counted) =>
        verdicts.Length == 0 ? "–" : Invariant($"{100.0 * verdicts.Count(counted) / verdicts.Length:0.0}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
