namespace AtdMonitor.Training.Benchmarks;

/// <summary>What <see cref="ModelScaleBenchmark"/> measured for one architecture on one device.</summary>
/// <param name="Device">"cpu", "cuda" or "cuda:N".</param>
/// <param name="BatchSize">Beats per training step.</param>
/// <param name="Parameters">Trainable parameters.</param>
/// <param name="BuildSeconds">Building and initialising the model, and moving it to the device.</param>
/// <param name="StepSeconds">Each training step (forward, backward, AdamW), the first one included.</param>
/// <param name="PeakResidentBytes">Peak resident set size of the process (host memory; GPU memory is not included).</param>
/// <param name="CheckpointBytes">Size of the checkpoint file.</param>
/// <param name="SaveSeconds">Writing the checkpoint.</param>
/// <param name="LoadSeconds">Reading it back into a new model.</param>
/// <param name="LargestOutputDifference">Largest |logit| difference between the trained model and the one loaded from its checkpoint, in eval mode.</param>
public sealed record ScaleMeasurement(
    string Device,
    int BatchSize,
    long Parameters,
    double BuildSeconds,
    IReadOnlyList<double> StepSeconds,
    long PeakResidentBytes,
    long CheckpointBytes,
    double SaveSeconds,
    double LoadSeconds,
    double LargestOutputDifference);
