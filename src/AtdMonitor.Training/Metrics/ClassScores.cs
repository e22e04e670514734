namespace AtdMonitor.Training.Metrics;

/// <summary>One class's scores from a confusion matrix, one-vs-rest.</summary>
/// <param name="Name">The class name.</param>
/// <param name="Support">How many samples truly belong to the class.</param>
/// <param name="Predicted">How many samples were predicted as the class.</param>
/// <param name="Sensitivity">Recall, TP / (TP + FN); NaN when the class has no samples.</param>
/// <param name="PositivePredictiveValue">Precision, TP / (TP + FP); NaN when nothing was predicted as the class.</param>
/// <param name="F1">Harmonic mean of sensitivity and PPV; 0 when either is 0 or undefined but the class occurs.</param>
public sealed record ClassScores(string Name, long Support, long Predicted, double Sensitivity, double PositivePredictiveValue, double F1);
