using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>The rhythm rules of one bed, built from the <c>Alerts</c> options around the bed's signal history.</summary>
public static class RhythmRules
{
    /// <summary>Beats a bed must keep for the rhythm rules: a minute of PVCs at up to 250 bpm, the AF window, the normal template.</summary>
    public const int HistoryBeats = 256;

    /// <summary>Seconds of signal a beat rule reads before its beat: the normal template and the P waves of the last beats.</summary>
    public static readonly TimeSpan SignalBeforeBeat = TimeSpan.FromSeconds(20);

    /// <summary>Most seconds of signal a bed keeps, however far the beats lag behind the windows (a slow inference thread).</summary>
    public const int SignalWindows = 120;

    /// <summary>Most seconds of lead 1 a bed keeps: enough to confirm an asystole, or the pause a late beat ends, of up to
    /// about 10 s, and to hold the P waves of the last beats. A pause whose lead-1 signal is gone by the time its beat
    /// arrives stands on lead 0 alone, as does atrial activity.</summary>
    public const int Lead1Windows = 12;

    /// <summary>The rules evaluated after each beat, with the options of their alarms; atrial activity is looked for on
    /// <paramref name="lead1"/> as well.</summary>
    public static IEnumerable<(IBeatAlertRule Rule, AlertRuleOptions Options)> BeatRules(AlertsOptions options, SignalHistory signal, SignalHistory lead1)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ventricular = new EctopicRunFinder("V");
        var ectopy = EctopyBeats(options);
        var runBeats = new EctopicRunFinder("V", options.VentricularRun.BeatProbability, minimumQrsDifference: options.VentricularRun.MinimumQrsDifference,
            seenOnLead1Only: options.VentricularRun.SeenOnLead1Only);
        var run = new EctopicRunRule(AlertTypes.VentricularRun, runBeats, options.VentricularRun, signal);
        var tachycardia = new EctopicRunRule(AlertTypes.VentricularTachycardia, new EctopicRunFinder("V", options.VentricularTachycardia.BeatProbability,
            minimumQrsDifference: options.VentricularTachycardia.MinimumQrsDifference, seenOnLead1Only: options.VentricularTachycardia.SeenOnLead1Only),
            options.VentricularTachycardia, signal);
        yield return (tachycardia, options.VentricularTachycardia);
        // Runs and couplets are decided apart from VT, so that one episode raises one alarm.
        yield return (new CompletedRunRule(AlertTypes.VentricularRun, (int)Math.Ceiling(options.VentricularRun.Raise), int.MaxValue, run, runBeats, tachycardia), options.VentricularRun);
        var coupletBeats = new EctopicRunFinder("V", options.VentricularRun.BeatProbability, minimumQrsDifference: options.Ectopy.MinimumQrsDifference,
            seenOnLead1Only: options.VentricularRun.SeenOnLead1Only);
        yield return (new CompletedRunRule(AlertTypes.Couplet, 2, 2, run, coupletBeats), options.Couplet);
        yield return (new SupraventricularTachycardiaRule(options.SupraventricularTachycardia, ventricular, ectopy, signal, options.SignalQuality), options.SupraventricularTachycardia);
        yield return (new AtrialFibrillationRule(options.AtrialFibrillation, ventricular, signal, lead1), options.AtrialFibrillation);
        yield return (new GeminyRule(AlertTypes.Bigeminy, 2, ectopy), options.Bigeminy);
        yield return (new GeminyRule(AlertTypes.Trigeminy, 3, ectopy), options.Trigeminy);
        yield return (new PvcRateRule(ectopy), options.PvcRate);
    }

    /// <summary>The V beats the ectopy alarms count (bigeminy, trigeminy, PVC rate, frequent ectopy): called V and, with
    /// <see cref="EctopyOptions.MinimumQrsDifference"/>, shaped unlike the bed's dominant beat. SVT, AF, runs and VT keep the class as it is.</summary>
    public static EctopicRunFinder EctopyBeats(AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EctopicRunFinder("V", minimumQrsDifference: options.Ectopy.MinimumQrsDifference, seenOnLead1Only: options.Ectopy.SeenOnLead1Only);
    }

    /// <summary>The rules evaluated after each raw window (on lead 0), with the options of their alarms; asystole is confirmed on <paramref name="lead1"/>.</summary>
    public static IEnumerable<(ISignalAlertRule Rule, AlertRuleOptions Options)> SignalRules(AlertsOptions options, SignalHistory lead1)
    {
        ArgumentNullException.ThrowIfNull(options);
        yield return (new VentricularFibrillationRule(), options.VentricularFibrillation);
        yield return (new AsystoleRule(lead1), options.Asystole);
    }
}
