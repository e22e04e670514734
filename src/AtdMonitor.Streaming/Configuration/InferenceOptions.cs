using System.ComponentModel.DataAnnotations;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>Where the models run and which checkpoints they load. Section <c>Inference</c>.</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    /// <summary>Compute device: <c>cpu</c> or <c>cuda</c> (<c>cuda:N</c> picks a GPU).</summary>
    [Required]
    [RegularExpression("^(cpu|cuda(:[0-9]+)?)$", ErrorMessage = "Inference:Device must be 'cpu', 'cuda' or 'cuda:N'.")]
    public string Device { get; set; } = "cpu";

    /// <summary>Threads libtorch may use for intra-op parallelism; 0 leaves libtorch's default.</summary>
    [Range(0, 256, ErrorMessage = "Inference:Threads must be between 0 (libtorch default) and 256.")]
    public int Threads { get; set; }

    /// <summary>The beat classifier checkpoint (written by <c>atd train</c>); a relative path is resolved from the working directory.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Inference:BeatCheckpoint must name the beat classifier checkpoint file.")]
    public string BeatCheckpoint { get; set; } = "models/arrhythmia-atd.ckpt";
}
