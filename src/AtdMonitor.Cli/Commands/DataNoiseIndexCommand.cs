using System.CommandLine;
using System.Globalization;
using AtdMonitor.Data.Noise;
using AtdMonitor.Simulator.Records;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Ingest;
using Spectre.Console;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd data noise-index</c>: the noise index the worker gives each 1-s window of a lead (<see cref="SignalQualityAssessor"/>:
/// RMS of the second difference over peak-to-peak), per record: its percentiles, and the share of windows at or above
/// the two thresholds on it (<c>Alerts:SignalQuality:NoiseIndex</c>, a poor window; <c>Lead1BelievedNoiseIndex</c>, lead 1
/// no longer believed when it misses a beat). With <c>--noise</c>, on the noisy signal <c>atd score stream --noise</c> replays.
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
        var noise = new Option<double?>("--noise") { Description = "Add the noise stress test's noise at this SNR in dB (-20 to 60) to both leads first, as atd score stream --noise does." };
        var noiseSeed = new Option<int>("--noise-seed") { Description = "With --noise: seeds the noise.", DefaultValueFactory = _ => 1 };
        var command = new Command("noise-index", "Prints the signal-quality noise index of every 1-s window of a lead, per record: percentiles and the share of windows over the worker's thresholds.")
        {
            data,
            records,
            lead,
            noise,
            noiseSeed,
        };
        command.SetAction(parseResult =>
        {
            var snr = parseResult.GetValue(noise);
            if (snr is < -20 or > 60)
            {
                throw new ArgumentException("--noise takes an SNR in dB from -20 to 60.");
            }

            var (directory, _) = DataOptions.Mitdb(parseResult.GetValue(data));
            var added = snr is { } level ? EcgNoise.AtSnr(level, parseResult.GetValue(noiseSeed)) : null;
            var library = new RecordLibrary(directory, added);
            var names = RecordSelection.Parse(parseResult.GetValue(records), library);
            var leadIndex = parseResult.GetValue(lead);
            var thresholds = new SignalQualityAlertOptions();
            var indices = new double[names.Count][];
            Parallel.For(0, names.Count, i => indices[i] = WindowNoiseIndices(library.Get(names[i]), leadIndex, thresholds));

            var table = new Table()
                .Title($"Noise index of lead {leadIndex}'s 1-s windows, {directory}{(added is null ? string.Empty : $", {added.Describe()}")}")
                .AddColumns("Record", "Windows", "p10", "p50", "p90", "p99",
                    Invariant($"Poor (≥ {thresholds.NoiseIndex}) %"), Invariant($"Lead 1 not believed (≥ {thresholds.Lead1BelievedNoiseIndex}) %"));
            for (var i = 0; i < names.Count; i++)
            {
                AddRow(table, names[i], indices[i], thresholds);
            }

            table.AddEmptyRow();
            AddRow(table, Invariant($"all {names.Count}"), [.. indices.SelectMany(x => x)], thresholds);
            DataOptions.Console(parseResult).Write(table);
            return 0;
        });
        return command;
    }

    private static double[] WindowNoiseIndices(ReplayRecord record, int lead, SignalQualityAlertOptions thresholds)
    {
        var signal = lead == 0 ? record.Lead0 : record.Lead1;
        var windows = signal.Length / StreamContract.SamplesPerWindow;
        var indices = new double[windows];
        for (var w = 0; w < windows; w++)
        {
            indices[w] = SignalQualityAssessor.Assess(signal.AsSpan(w * StreamContract.SamplesPerWindow, StreamContract.SamplesPerWindow), thresholds).NoiseIndex;
        }

        return indices;
    }

    private static void AddRow(Table table, string name, double[] indices, SignalQualityAlertOptions thresholds)
    {
        if (indices.Length == 0)
        {
            table.AddRow(name, "0", "–", "–", "–", "–", "–", "–");
            return;
        }

        Array.Sort(indices);
        var cells = new List<string> { name, Invariant($"{indices.Length}") };
        cells.AddRange(Percentiles.Select(p => Invariant($"{indices[(int)Math.Round(p * (indices.Length - 1))]:0.000}")));
        cells.Add(Invariant($"{100.0 * indices.Count(x => x >= thresholds.NoiseIndex) / indices.Length:0.0}"));
        cells.Add(Invariant($"{100.0 * indices.Count(x => x >= thresholds.Lead1BelievedNoiseIndex) / indices.Length:0.0}"));
        table.AddRow([.. cells]);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
