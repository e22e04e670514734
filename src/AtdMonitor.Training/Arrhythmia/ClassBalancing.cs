namespace AtdMonitor.Training.Arrhythmia;

/// <summary>How the rare AAMI classes are given weight against N (about 90 % of the beats).</summary>
public enum ClassBalancing
{
    /// <summary>Cross-entropy weights ∝ n_c^(−½), normalised to a mean of 1 over the classes present.</summary>
    Weights,

    /// <summary>Each epoch draws N beats with replacement, a beat of class c with probability ∝ n_c^(−½).</summary>
    Sampling,

    /// <summary>Plain cross-entropy on the natural class mix.</summary>
    None,
}
