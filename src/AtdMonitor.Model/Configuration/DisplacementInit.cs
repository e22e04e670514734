namespace AtdMonitor.Model.Configuration;

/// <summary>How ATD Fusion's displacement matrices Θ start.</summary>
public enum DisplacementInit
{
    /// <summary>Identity plus N(0, 0.01²) noise: fusion starts as f̂_a + f̂_b (docs/ATD.md, "near the identity").</summary>
    Identity,

    /// <summary>N(0, 1/d): a random rotation-and-scale that keeps the token variance (the ablation).</summary>
    Random,
}
