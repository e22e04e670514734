using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Recordings;
using AtdMonitor.Data.Wfdb;

namespace AtdMonitor.Training.FineTuning;

/// <summary>
/// Finds which MIT-BIH records a recording replayed: a stretch whose first lively lead-0 run of <see cref="Probe"/>
/// samples equals (within <see cref="ToleranceMillivolts"/>, which covers the int16 wire format) a run of a record's
/// detection lead is that record's. A flat probe could match anywhere, so a probe must swing at least
/// <see cref="MinimumSwingMillivolts"/>; a stretch without such a run, or of a record not in the folder, is not named.
/// A bed (session) replays one record, so only its first stretch with such a run is looked up: the search stays one
/// pass over the records per session, however many gaps split it.
/// </summary>
public sealed class ReplayedRecordFinder(string mitdbDirectory)
{
    private const int Probe = 64;
    private const float ToleranceMillivolts = 0.001f;
    private const float MinimumSwingMillivolts = 0.1f;

    private readonly Dictionary<string, float[]?> _leads = new(StringComparer.Ordinal);

    /// <summary>The records found, in MIT-BIH order.</summary>
    public IReadOnlyList<string> Find(IEnumerable<RecordedStretch> stretches)
    {
        ArgumentNullException.ThrowIfNull(stretches);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var probed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stretch in stretches)
        {
            if (probed.Contains(stretch.Signal) || stretch.Leads.Length == 0 || ProbeOf(stretch.Leads[0]) is not { } probe)
            {
                continue;
            }

            probed.Add(stretch.Signal);

            // Records already found first: most stretches continue one of them.
            var candidates = found.Concat(MitBihRecords.All.Where(r => !found.Contains(r)));
            if (candidates.FirstOrDefault(record => Lead(record) is { } lead && Contains(lead, probe)) is { } match)
            {
                found.Add(match);
            }
        }

        return [.. MitBihRecords.All.Where(found.Contains)];
    }

    private static float[]? ProbeOf(float[] lead)
    {
        for (var start = 0; start + Probe <= lead.Length; start += Probe)
        {
            var run = lead.AsSpan(start, Probe);
            var (low, high) = (float.MaxValue, float.MinValue);
            foreach (var value in run)
            {
                (low, high) = (Math.Min(low, value), Math.Max(high, value));
            }

            if (high - low >= MinimumSwingMillivolts)
            {
                return run.ToArray();
            }
        }

        return null;
    }

    private static bool Contains(float[] lead, float[] probe)
    {
        for (var start = 0; start + probe.Length <= lead.Length; start++)
        {
            var i = 0;
            while (i < probe.Length && Math.Abs(lead[start + i] - probe[i]) <= ToleranceMillivolts)
            {
                i++;
            }

            if (i == probe.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The record's detection lead in mV as the simulator replays it, or null when the folder lacks it.</summary>
    private float[]? Lead(string record)
    {
        if (!_leads.TryGetValue(record, out var lead))
        {
            lead = File.Exists(Path.Combine(mitdbDirectory, record + ".hea")) ? Load(record) : null;
            _leads[record] = lead;
        }

        return lead;
    }

    private float[] Load(string record)
    {
        var wfdb = WfdbReader.ReadRecord(mitdbDirectory, record);
        return wfdb.ToMillivolts(BeatDatasetBuilder.LeadsOf(wfdb).Lead0);
    }
}
