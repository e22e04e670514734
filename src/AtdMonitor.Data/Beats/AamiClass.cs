namespace AtdMonitor.Data.Beats;

/// <summary>The AAMI EC57 beat classes, in the models' index order.</summary>
public enum AamiClass
{
    /// <summary>Normal and bundle-branch-block beats, escapes (N, L, R, e, j).</summary>
    N = 0,

    /// <summary>Supraventricular ectopic beats (A, a, J, S).</summary>
    S = 1,

    /// <summary>Ventricular ectopic beats (V, E).</summary>
    V = 2,

    /// <summary>Fusion of ventricular and normal beats (F).</summary>
    F = 3,

    /// <summary>Paced, fusion of paced and normal, unclassifiable (/, f, Q).</summary>
    Q = 4,
}
