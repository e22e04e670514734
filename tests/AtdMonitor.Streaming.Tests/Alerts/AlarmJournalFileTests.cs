using System.Text;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace AtdMonitor.Streaming.Tests.Alerts;

/// <summary>The alarm journal's file: what it keeps, what it skips, and how large it may grow.</summary>
public sealed class AlarmJournalFileTests : IDisposable
{
    private static readonly DateTimeOffset Onset = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("atd-alarm-journal-").FullName;
    private readonly CapturedLogs _logs = new();

    private string PathOf => Path.Combine(_folder, "alarms.jsonl");

    [Fact]
    public void What_was_recorded_is_read_back_by_a_journal_opened_after_the_first_crashed()
    {
        var silenced = Alarm("bed-02", AlertTypes.VentricularFibrillation) with
        {
            End = Onset.AddSeconds(8), Acknowledgement = AlarmAcknowledgement.Silenced, SilencedUntil = Onset.AddMinutes(2), Operator = "rn.ana@ward-3",
            Escalated = true, EscalationDue = Onset.AddSeconds(30), Message = "VF: \"leakage\" 0.31 – é",
        };
        var crashed = Journal();
        crashed.Restore();
        crashed.Record(Alarm("bed-01", AlertTypes.VentricularTachycardia));
        crashed.Record(Alarm("bed-01", AlertTypes.Asystole));
        crashed.Record(silenced);
        crashed.Forget("bed-01", AlertTypes.Asystole);
        crashed.Dispose(); // A crash closes the file and its lock; every line was on the disk already.

        using var restarted = Journal();

        Assert.Equal([Alarm("bed-01", AlertTypes.VentricularTachycardia), silenced], restarted.Restore().OrderBy(a => a.Bed));
        Assert.Empty(_logs.Entries);
    }

    [Fact]
    public void A_corrupt_line_is_one_error_line_in_the_log_and_the_other_lines_are_restored()
    {
        var line = Line(Alarm("bed-01", AlertTypes.VentricularTachycardia));
        File.WriteAllText(PathOf, string.Join('\n',
            line,
            "{\"record\":{\"bed\":\"bed-02\",\"type\":",                                     // not JSON
            line.Replace("\"bed-01\"", "\"../../etc\"", StringComparison.Ordinal),              // a bed id out of bounds
            line.Replace("\"value\":9", "\"value\":9,\"extra\":1", StringComparison.Ordinal),  // a field the journal does not write
            new string('x', AlarmJournalFile.MaxLineBytes + 10),                                 // too long to read
            Line(Alarm("bed-03", AlertTypes.Asystole)),
            Line(Alarm("bed-04", AlertTypes.Asystole))[..40]));                                   // cut short by a crash, last

        using var journal = Journal();

        Assert.Equal(["bed-01", "bed-03"], journal.Restore().Select(a => a.Bed).Order());
        var errors = _logs.Entries.Where(e => e.Contains(" Error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal([2, 3, 4, 5, 7], errors.Select(e => int.Parse(e.Split(" line ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(errors, e => Assert.Contains("skipped, the other lines are restored", e, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain('\n', e.TrimEnd()));
    }

    [Fact]
    public void Opening_the_journal_rewrites_it_with_one_line_per_alarm_it_holds()
    {
        using (var journal = Journal())
        {
            journal.Restore();
            for (var i = 0; i < 20; i++)
            {
                journal.Record(Alarm("bed-01", AlertTypes.VentricularTachycardia) with { Value = i });
            }

            journal.Record(Alarm("bed-02", AlertTypes.Asystole));
            journal.Forget("bed-02", AlertTypes.Asystole);
        }

        Assert.Equal(22, File.ReadAllLines(PathOf).Length);
        using var reopened = Journal();

        Assert.Equal(19, Assert.Single(reopened.Restore()).Value);
        Assert.Equal([Line(Alarm("bed-01", AlertTypes.VentricularTachycardia) with { Value = 19 })], File.ReadAllLines(PathOf));
    }

    [Fact]
    public void The_journal_holds_at_most_its_bound_of_alarms_and_stays_under_its_bound_of_lines()
    {
        const int Bound = 2;
        File.WriteAllLines(PathOf, Enumerable.Range(0, 5).Select(i => Line(Alarm($"bed-{i}", AlertTypes.Asystole))));
        using (var journal = Journal(Bound))
        {
            Assert.Equal(Bound, journal.Restore().Count);
            journal.Record(Alarm("bed-9", AlertTypes.Asystole));
            for (var i = 0; i < 5 * AlarmJournalFile.SlackLines; i++)
            {
                journal.Record(Alarm("bed-0", AlertTypes.Asystole) with { Value = i });
                Assert.True(File.ReadLines(PathOf).Count() <= (3 * Bound) + AlarmJournalFile.SlackLines);
            }
        }

        using var reopened = Journal(Bound);
        Assert.Equal(["bed-0", "bed-1"], reopened.Restore().Select(a => a.Bed).Order());
        Assert.Contains(_logs.Entries, e => e.Contains("3 alarms beyond its bound of 2", StringComparison.Ordinal));
        Assert.Contains(_logs.Entries, e => e.Contains("Alarm journal full (2 alarms", StringComparison.Ordinal) && e.Contains("bed-9", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_worker_given_the_same_journal_keeps_none_and_leaves_the_first_workers_alarms_in_it()
    {
        var first = Journal();
        first.Restore();
        first.Record(Alarm("bed-01", AlertTypes.VentricularTachycardia));
        using (var second = Journal())
        {
            second.Restore();
            second.Record(Alarm("bed-02", AlertTypes.Asystole));
        }

        first.Record(Alarm("bed-03", AlertTypes.Asystole));
        first.Dispose();
        using var restarted = Journal();

        Assert.Equal(["bed-01", "bed-03"], restarted.Restore().Select(a => a.Bed).Order());
        Assert.Contains(_logs.Entries, e => e.Contains(" Error: ", StringComparison.Ordinal) && e.Contains("held by another process", StringComparison.Ordinal));
    }

    [Fact]
    public void A_journal_that_cannot_be_read_at_start_is_kept_aside_and_not_overwritten_by_the_next_change()
    {
        File.WriteAllLines(PathOf, [Line(Alarm("bed-01", AlertTypes.VentricularTachycardia))]);
        using var journal = Journal();
        using (new FileStream(PathOf, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            // Held by someone else while the worker starts: the journal cannot be read.
            Assert.Empty(journal.Restore());
        }

        journal.Record(Alarm("bed-02", AlertTypes.Asystole));

        var kept = Assert.Single(Directory.GetFiles(_folder, "alarms.jsonl.unreadable-*"));
        Assert.Equal([Line(Alarm("bed-01", AlertTypes.VentricularTachycardia))], File.ReadAllLines(kept));
        Assert.Equal([Line(Alarm("bed-02", AlertTypes.Asystole))], File.ReadAllLines(PathOf));
        Assert.Contains(_logs.Entries, e => e.Contains(" Error: ", StringComparison.Ordinal) && e.Contains(kept, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _logs.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private AlarmJournalFile Journal(int maxEntries = 100) => new(PathOf, maxEntries, _logs.For<AlarmJournalFile>());

    private static JournaledAlarm Alarm(string bed, string type) => new(
        bed, type, AlarmPriority.High, Onset, null, Onset.AddSeconds(1), AlarmAcknowledgement.Unacknowledged, false, Onset.AddSeconds(31), null, null, "VT run of 9 beats", 9);

    /// <summary>The line the journal writes for <paramref name="alarm"/>, as a journal of its own writes it.</summary>
    private static string Line(JournaledAlarm alarm)
    {
        var folder = Directory.CreateTempSubdirectory("atd-alarm-line-");
        try
        {
            var path = Path.Combine(folder.FullName, "one.jsonl");
            using (var journal = new AlarmJournalFile(path, 1, NullLogger<AlarmJournalFile>.Instance))
            {
                journal.Record(alarm);
            }

            return File.ReadAllText(path, Encoding.UTF8).TrimEnd('\n');
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
