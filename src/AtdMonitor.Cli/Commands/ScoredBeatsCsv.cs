using System.Globalization;
using System.Text;
using AtdMonitor.Data.Beats;
using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd score stream --beats FILE</c>: every scored beat the worker wrote (all but the replay's last 3 s), one CSV row each, with the reference beat matched
/// to it, so a reviewer can see why a run or an alarm was or was not raised (class, probabilities, unclassifiable reason, whether lead 1 showed it).
/// </summary>
internal sealed class ScoredBeatsCsv
{
    private readonly StringBuilder _rows = new StringBuilder()
        .AppendLine("record,r_peak_sample,seconds,reference,class,p_N,p_S,p_V,p_F,unclassifiable,rr_s,qrs_difference,missed_on_lead1");

    /// <summary>Adds one record's beats; <paramref name="referenceSymbols"/>[i] is the annotation symbol matched to detected beat i, or null.</summary>
    public void Add(string record, IReadOnlyList<ClassifiedBeat> detected, IReadOnlyList<string?> referenceSymbols, double sampleRate)
    {
        for (var i = 0; i < detected.Count; i++)
        {
            var beat = detected[i];
            _rows.AppendLine(CultureInfo.InvariantCulture,
                $"{record},{beat.RPeakSample},{beat.RPeakSample / sampleRate:0.000},{referenceSymbols[i]},{beat.ClassName},{ProbabilityOf(beat, "N")},{ProbabilityOf(beat, "S")},{ProbabilityOf(beat, "V")},{ProbabilityOf(beat, "F")},{(beat.IsJudged ? string.Empty : beat.Unclassifiable.ToString())},{beat.RrSeconds:0.000},{beat.QrsTemplateDifference?.ToString("0.000", CultureInfo.InvariantCulture)},{(beat.MissedOnLead1 ? 1 : 0)}");
        }
    }

    public override string ToString() => _rows.ToString();

    private static string ProbabilityOf(ClassifiedBeat beat, string className)
    {
        for (var i = 0; i < beat.ClassNames.Count; i++)
        {
            if (beat.ClassNames[i] == className)
            {
                return beat.Probabilities[i].ToString("0.000", CultureInfo.InvariantCulture);
            }
        }

        return string.Empty;
    }
}
