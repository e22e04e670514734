namespace AtdMonitor.Model.Configuration;

/// <summary>
/// Encoder sizes the project compares (<see cref="AtdConfig.WithSize"/>); the inputs, T, K and the Guide are left as
/// they are.
/// </summary>
public enum ModelSize
{
    /// <summary>The shipped checkpoints: d = 32, one layer per encoder, feed-forward 64, 4 heads.</summary>
    Shipped,

    /// <summary>The <see cref="AtdConfig"/> defaults: d = 64, two layers, feed-forward 128, 4 heads.</summary>
    Default,

    /// <summary>
    /// The paper's scale (Table 10: 282M parameters with Transformer + ViT encoders): d = 1,024, ten layers per
    /// encoder, feed-forward 4,096, 16 heads; about 270M parameters. For a GPU; on a CPU it only shows that it runs.
    /// </summary>
    Paper,
}
