namespace AtdMonitor.Data.Beats;

/// <summary>Beat indices of a <see cref="BeatDataset"/> for training, validation and test.</summary>
/// <param name="Name">"inter-patient" or "intra-patient".</param>
/// <param name="Train">Training beats.</param>
/// <param name="Validation">Validation beats (for early stopping and model choice), from the training side only.</param>
/// <param name="Test">Test beats.</param>
public sealed record BeatSplit(string Name, int[] Train, int[] Validation, int[] Test);
