using System.Globalization;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Cli.Tests.Scoring;

public sealed class ScoreStreamCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-cli-score-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_replay_writes_the_report_every_beat_the_worker_wrote_with_its_matched_reference_beat_and_every_alert_with_its_verdict()
    {
        var report = Path.Combine(_directory, "score.md");
        var beats = Path.Combine(_directory, "beats.csv");
        var alerts = Path.Combine(_directory, "alerts.csv");

        var (exitCode, output, error) = AtdInvocation.Invoke("score", "stream", "--records", "233", "--duration", "40", "--speed", "20", "--data", TestData.Samples,
            "--report", report, "--beats", beats, "--alerts", alerts);

        Assert.True(exitCode == 0, error);
        Assert.Contains("## Alerts", File.ReadAllText(report), StringComparison.Ordinal);
        var lines = File.ReadAllLines(beats);
        Assert.Equal("record,r_peak_sample,seconds,reference,class,p_N,p_S,p_V,p_F,unclassifiable,rr_s,qrs_difference,missed_on_lead1", lines[0]);
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToList();
        // The report's per-record row: | 233 | reference beats | detected | ... ; the CSV holds exactly the detected beats.
        var recordRow = output.Split('\n').First(line => line.StartsWith("| 233 |", StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries);
        Assert.Equal(int.Parse(recordRow[3], NumberStyles.AllowThousands, CultureInfo.InvariantCulture), rows.Count);
        Assert.All(rows, row => Assert.Equal("233", row[0]));
        Assert.True(rows.Count(row => row[3].Length > 0) >= rows.Count - 2, "nearly every detected beat of 233 matches a reference beat");
        Assert.Contains(rows, row => row[3] == "V" && row[4] == "V");
        foreach (var row in rows.Where(row => row[9].Length == 0))
        {
            // A judged beat carries the model's most probable class.
            var probabilities = row[5..9].Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(new[] { "N", "S", "V", "F" }[Array.IndexOf(probabilities, probabilities.Max())], row[4]);
        }

        // 233 has a ventricular run at 28 s: each reference episode is listed, detected or missed, and the
        // alerts' true and false ones add up to the report's counts.
        var audit = File.ReadAllLines(alerts);
        Assert.Equal("record,kind,type,start_s,end_s,verdict,technical_alarm", audit[0]);
        var judged = audit.Skip(1).Select(line => line.Split(',')).ToList();
        Assert.Contains(judged, row => row is ["233", "episode", "ventricular_run", _, _, "detected" or "missed", _]);
        var runs = output.Split('\n').First(line => line.StartsWith("| ventricular_run |", StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries);
        Assert.Equal(int.Parse(runs[3], CultureInfo.InvariantCulture), judged.Count(row => row is [_, "episode", "ventricular_run", _, _, _, _]));
        Assert.Equal(int.Parse(runs[4], CultureInfo.InvariantCulture), judged.Count(row => row is [_, "episode", "ventricular_run", _, _, "detected", _]));
        Assert.Equal(int.Parse(runs[7], CultureInfo.InvariantCulture), judged.Count(row => row is [_, "alert", "ventricular_run", _, _, "true", _]));
        Assert.Equal(int.Parse(runs[6], CultureInfo.InvariantCulture) - int.Parse(runs[7], CultureInfo.InvariantCulture),
            judged.Count(row => row is [_, "alert", "ventricular_run", _, _, "false", _]));
        Assert.All(judged.Where(row => row[1] == "alert"), row => Assert.Contains(row[5], (string[])["true", "false", "technical", "unscored"]));

        // A missed episode says whether a technical alarm was up (yes: announced, no: silent), every other row nothing; the
        // report counts the audit's missed high-priority episodes and the silent ones among them.
        Assert.All(judged, row => Assert.True(row[5] == "missed" ? row[6] is "yes" or "no" : row[6].Length == 0, string.Join(',', row)));
        var highMissed = judged.Where(row => row is [_, "episode", "ventricular_tachycardia" or "ventricular_fibrillation" or "asystole", _, _, "missed", _]).ToList();
        Assert.Contains($"High-priority episodes missed: {highMissed.Count}, of them {highMissed.Count(row => row[6] == "no")} silent", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_of_fold_replay_classifies_each_record_with_its_folds_model_and_scores_them_as_one_replay_does()
    {
        // 208 is in DS1 fold 1, 119 in fold 2. Both fold "models" are the shipped one, so the split replay must write
        // exactly the beats one worker writes with it: the folds change which model judges a bed, nothing else.
        var folds = Directory.CreateDirectory(Path.Combine(_directory, "cv")).FullName;
        var shipped = Path.Combine(TestData.Models, "arrhythmia-atd.ckpt");
        File.Copy(shipped, Path.Combine(folds, "fold1-seed2.ckpt"));
        File.Copy(shipped, Path.Combine(folds, "fold2-seed2.ckpt"));
        var splitBeats = Path.Combine(_directory, "split.csv");
        var oneBeats = Path.Combine(_directory, "one.csv");
        string[] replay = ["score", "stream", "--records", "119,208", "--duration", "30", "--speed", "20", "--data", TestData.Samples];

        var split = AtdInvocation.Invoke([.. replay, "--out-of-fold", folds, "--seed", "2", "--beats", splitBeats]);
        var one = AtdInvocation.Invoke([.. replay, "--checkpoint", shipped, "--beats", oneBeats]);

        Assert.True(split.ExitCode == 0, split.Error);
        Assert.True(one.ExitCode == 0, one.Error);
        Assert.Contains("Worker (208 by fold1-seed2.ckpt):", split.Output, StringComparison.Ordinal);
        Assert.Contains("Worker (119 by fold2-seed2.ckpt):", split.Output, StringComparison.Ordinal);
        Assert.True(File.ReadAllLines(splitBeats).Length > 60, "both records' beats are written");
        Assert.Equal(File.ReadAllLines(oneBeats).Order(StringComparer.Ordinal), File.ReadAllLines(splitBeats).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("100", "fold1-seed1.ckpt", "--out-of-fold scores DS1 records only; 100 not in a DS1 fold.")]
    [InlineData("208", "fold2-seed1.ckpt", "fold1-seed1.ckpt is missing; make it with 'atd train --cv --folds 1 --seeds 1")]
    public void An_out_of_fold_replay_refuses_a_record_without_a_fold_model_in_one_line(string record, string present, string message)
    {
        var folds = Directory.CreateDirectory(Path.Combine(_directory, "cv")).FullName;
        File.Copy(Path.Combine(TestData.Models, "arrhythmia-atd.ckpt"), Path.Combine(folds, present));

        var (exitCode, _, error) = AtdInvocation.Invoke("score", "stream", "--records", record, "--duration", "10", "--data", TestData.Samples, "--out-of-fold", folds);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
