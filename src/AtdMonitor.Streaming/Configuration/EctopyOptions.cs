using System.ComponentModel.DataAnnotations;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>
/// How the ectopy alarms (couplet, bigeminy, trigeminy, PVC rate, frequent ectopy) confirm a beat the classifier called V:
/// as a bedside monitor does, by its QRS differing from the patient's dominant beat. Section <c>Alerts:Ectopy</c>.
/// Runs, VT and the other alarms take the class as it is.
/// </summary>
public sealed class EctopyOptions
{
    /// <summary>
    /// The smallest RMS difference of a V beat's QRS from the bed's running dominant-beat template, in units of the usual
    /// beat's peak-to-peak amplitude (the beat feature <see cref="Data.Beats.BeatSpec.QrsDifferenceFeature"/>), at which it
    /// counts as ventricular; a beat closer to the usual beat is not counted as a PVC. 0 switches the check off; 0.1 was chosen
    /// on DS1 (docs/SCORING-HISTORY.md).
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Alerts:Ectopy:MinimumQrsDifference must be between 0 (off) and 1.")]
    public double MinimumQrsDifference { get; set; } = 0.1;

    /// <summary>
    /// True: a V beat that lead 1's QRS detector did not find is not counted as a PVC (an artefact of lead 0 alone, as the
    /// ventricular runs' <see cref="EctopicRunAlertRuleOptions.SeenOnLead1Only"/> judges it). Beds that send one lead are
    /// judged on lead 0 alone.
    /// </summary>
    public bool SeenOnLead1Only { get; set; }
}
