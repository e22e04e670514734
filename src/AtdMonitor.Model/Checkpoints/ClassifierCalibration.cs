namespace AtdMonitor.Model.Checkpoints;

/// <summary>
/// How a classifier's raw scores become trustworthy probabilities, fitted on validation beats after training:
/// probabilities = softmax(logits / <paramref name="Temperature"/>) (temperature scaling, Guo et al. 2017), and a beat
/// whose top probability is below <paramref name="ConfidenceFloor"/> is unclassifiable rather than given a class.
/// </summary>
/// <param name="Temperature">Divides the logits; above 1 softens an over-confident model.</param>
/// <param name="ConfidenceFloor">The lowest top probability that still names a class; 0 judges every beat.</param>
public sealed record ClassifierCalibration(double Temperature, float ConfidenceFloor)
{
    /// <summary>What a checkpoint without calibration means: the raw softmax, every beat judged.</summary>
    public static ClassifierCalibration None { get; } = new(1, 0);

    /// <summary>Throws <see cref="InvalidDataException"/> for a temperature that is not positive and finite or a floor outside [0, 1].</summary>
    public void Validate()
    {
        if (!(Temperature > 0) || double.IsInfinity(Temperature) || ConfidenceFloor is not (>= 0 and <= 1))
        {
            throw new InvalidDataException($"Calibration needs a positive finite temperature and a floor in [0, 1]; got {Temperature} and {ConfidenceFloor}.");
        }
    }
}
