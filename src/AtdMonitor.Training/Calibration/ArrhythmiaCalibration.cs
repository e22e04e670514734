using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Inference;
using AtdMonitor.Training.Arrhythmia;

namespace AtdMonitor.Training.Calibration;

/// <summary>
/// Calibrates a trained arrhythmia checkpoint on validation beats (never test beats): fits the temperature, chooses the
/// confidence floor on the calibrated probabilities (<see cref="ConfidenceFloorChoice"/>), and records both in the
/// checkpoint, where <see cref="BeatClassifier"/> and the worker read them.
/// </summary>
public static class ArrhythmiaCalibration
{
    public static CalibrationResult Fit(string checkpointPath, BeatDataset dataset, IReadOnlyList<int> validation)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(validation);
        if (validation.Count == 0)
        {
            throw new ArgumentException("Calibration needs validation beats.", nameof(validation));
        }

        float[] scores;
        int classes;
        using (var classifier = BeatClassifier.Load(checkpointPath))
        {
            classes = classifier.ClassNames.Count;
            var probabilities = ArrhythmiaEvaluation.Probabilities(classifier, dataset, validation);
            // T × log p = logits − a constant per beat: the raw scores, whatever temperature the checkpoint had.
            var temperature = classifier.Calibration.Temperature;
            scores = [.. probabilities.Select(p => (float)(temperature * Math.Log(Math.Max(p, 1e-30f))))];
        }

        var labels = validation.Select(i => dataset.Labels[i]).ToArray();
        var raw = new float[scores.Length];
        TemperatureScaling.Apply(scores, classes, 1, raw);
        var fitted = TemperatureScaling.Fit(scores, labels);
        var calibrated = new float[scores.Length];
        TemperatureScaling.Apply(scores, classes, fitted, calibrated);
        var floor = ConfidenceFloorChoice.Choose(calibrated, labels);
        var judged = Enumerable.Range(0, labels.Length).Count(i => ReliabilityBins.Top(calibrated.AsSpan(i * classes, classes)).Probability >= floor);

        var calibration = new ClassifierCalibration(fitted, floor);
        ModelCheckpoint.WriteCalibration(checkpointPath, calibration);
        return new CalibrationResult(calibration, ReliabilityBins.Of(raw, labels), ReliabilityBins.Of(calibrated, labels), (double)judged / labels.Length, labels.Length);
    }
}
