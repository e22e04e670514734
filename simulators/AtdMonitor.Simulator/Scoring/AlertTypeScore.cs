namespace AtdMonitor.Simulator.Scoring;

/// <summary>How one alert type did against its reference episodes over all scored beds.</summary>
/// <param name="AlertType">The worker's alert type, e.g. <c>ventricular_run</c>.</param>
/// <param name="Reference">The reference episode kind it is scored against, or null when there is none.</param>
/// <param name="Episodes">Reference episodes.</param>
/// <param name="DetectedEpisodes">Reference episodes during which (within the tolerances) an alert of the type was active.</param>
/// <param name="Alerts">Alerts raised.</param>
/// <param name="TrueAlerts">Alerts that overlap a reference episode (within the tolerances).</param>
/// <param name="Hours">Patient-hours replayed.</param>
public sealed record AlertTypeScore(string AlertType, string? Reference, int Episodes, int DetectedEpisodes, int Alerts, int TrueAlerts, double Hours)
{
    /// <summary>Episode sensitivity; NaN without episodes.</summary>
    public double EpisodeSensitivity => Episodes == 0 ? double.NaN : (double)DetectedEpisodes / Episodes;

    /// <summary>Alert positive predictive value; NaN without alerts or without a reference.</summary>
    public double PositivePredictiveValue => Alerts == 0 || Reference is null ? double.NaN : (double)TrueAlerts / Alerts;

    /// <summary>False alerts per patient-hour (all alerts when the type has no reference).</summary>
    public double FalseAlertsPerHour => Hours <= 0 ? double.NaN : (Alerts - TrueAlerts) / Hours;
}
