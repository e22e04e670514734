using System.CommandLine;
using System.Globalization;
using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Wfdb;
using Spectre.Console;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd data score-detector</c>: scores the streaming R-peak detector, or the second (curve-length) detector of the
/// signal-quality check, on lead 0 or lead 1, beat by beat against the reference annotations (EC57).
/// </summary>
internal static class DataScoreDetectorCommand
{
    private const int ChunkSamples = 360;
    private const double LearningSeconds = 300;

    public static Command Create()
    {
        var data = DataOptions.DataDirectory();
        var detector = new Option<string>("--detector")
        {
            Description = "main: the beat detector (StreamingRPeakDetector); second: the curve-length detector of the signal-quality check and the lead-1 check.",
            DefaultValueFactory = _ => "main",
        }.AcceptOnlyFromAmong("main", "second");
        var lead = new Option<int>("--lead")
        {
            Description = "The lead to detect on: 0 (MLII in most records, the worker's beat lead) or 1.",
            DefaultValueFactory = _ => 0,
        }.AcceptOnlyFromAmong("0", "1");
        var command = new Command("score-detector", "Scores a streaming QRS detector against the MIT-BIH reference beats (EC57: 150 ms window, Se and +P per record and in all).")
        {
            data,
            detector,
            lead,
        };
        command.SetAction(parseResult =>
        {
            var (directory, records) = DataOptions.Mitdb(parseResult.GetValue(data));
            var console = DataOptions.Console(parseResult);
            var second = parseResult.GetValue(detector) == "second";
            var leadIndex = parseResult.GetValue(lead);
            var scores = new (DetectorScore Whole, DetectorScore AfterLearning)[records.Length];
            Parallel.For(0, records.Length, i => scores[i] = ScoreRecord(directory, records[i], second, leadIndex));

            var table = new Table().Title($"{(second ? "Second (curve-length)" : "R-peak")} detector on lead {leadIndex} vs reference beats, {directory}, fed in chunks of {ChunkSamples} samples")
                .AddColumns("Record", "Beats", "TP", "FN", "FP", "Se %", "+P %", "Se % (from 5 min)", "+P % (from 5 min)");
            for (var i = 0; i < records.Length; i++)
            {
                AddRow(table, records[i], scores[i].Whole, scores[i].AfterLearning);
            }

            var whole = scores.Aggregate(default(DetectorScore), (sum, s) => sum + s.Whole);
            var after = scores.Aggregate(default(DetectorScore), (sum, s) => sum + s.AfterLearning);
            table.AddEmptyRow();
            AddRow(table, $"all {records.Length}", whole, after);
            console.Write(table);
            console.MarkupLine(CultureInfo.InvariantCulture,
                "Gross over all records: whole records Se {0:F2} %, +P {1:F2} %; EC57 (from 5 min) Se {2:F2} %, +P {3:F2} %.",
                whole.Sensitivity * 100, whole.PositivePredictivity * 100, after.Sensitivity * 100, after.PositivePredictivity * 100);
            return 0;
        });
        return command;
    }

    private static (DetectorScore Whole, DetectorScore AfterLearning) ScoreRecord(string directory, string name, bool second, int lead)
    {
        var record = WfdbReader.ReadRecord(directory, name);
        var annotations = WfdbAnnotationReader.Read(Path.Combine(directory, name + ".atr"));
        var leads = BeatDatasetBuilder.LeadsOf(record);
        var ecg = record.ToMillivolts(lead == 0 ? leads.Lead0 : leads.Lead1);
        var peaks = new List<long>();
        Action<ReadOnlySpan<float>, List<long>> process = second
            ? new CurveLengthQrsDetector(record.SampleRate).Process
            : new StreamingRPeakDetector(record.SampleRate).Process;
        for (var start = 0; start < ecg.Length; start += ChunkSamples)
        {
            process(ecg.AsSpan(start, Math.Min(ChunkSamples, ecg.Length - start)), peaks);
        }

        return (DetectorScoring.Score(annotations, peaks, record.SampleRate),
            DetectorScoring.Score(annotations, peaks, record.SampleRate, (long)(LearningSeconds * record.SampleRate)));
    }

    private static void AddRow(Table table, string name, DetectorScore whole, DetectorScore after) => table.AddRow(
        name,
        Invariant(whole.TruePositives + whole.FalseNegatives),
        Invariant(whole.TruePositives),
        Invariant(whole.FalseNegatives),
        Invariant(whole.FalsePositives),
        Percent(whole.Sensitivity),
        Percent(whole.PositivePredictivity),
        Percent(after.Sensitivity),
        Percent(after.PositivePredictivity));

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double value) => (value * 100).ToString("F2", CultureInfo.InvariantCulture);
}
