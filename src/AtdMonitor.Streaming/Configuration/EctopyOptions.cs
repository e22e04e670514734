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
    /// The largest correlation of a V beat's QRS with the bed's running dominant-beat template (the beat feature
    /// <see cref="Data.Beats.BeatSpec.QrsCorrelationFeature"/>) at which it still counts as ventricular; a beat shaped
    /// more like the usual beat is not counted as a PVC. 1 switches the check off.
    /// </summary>
    [Range(-1.0, 1.0, ErrorMessage = "Alerts:Ectopy:MaximumNormalLikeness must be between -1 and 1.")]
    public double MaximumNormalLikeness { get; set; } = 1;
}
