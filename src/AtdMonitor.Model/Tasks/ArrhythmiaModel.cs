using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Encoders;
using AtdMonitor.Model.Heads;
using AtdMonitor.Model.Variants;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tasks;

/// <summary>
/// AAMI beat classifier. Modality 1: the beat window as 1-D patches plus the rhythm-features token;
/// modality 2: the spectrogram crop as image patches (replaced by the learned missing token when absent).
/// With <see cref="AtdConfig.RhythmSplitHead"/>, a linear head of the rhythm features splits the network's "N or S"
/// between N and S (<see cref="RhythmSplitHead"/>).
/// </summary>
public sealed class ArrhythmiaModel : nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor>, IAtdModel
{
    private readonly SignalPatchEmbedding? signalEmbedding;
    private readonly RhythmTokenEmbedding? rhythmEmbedding;
    private readonly ImagePatchEmbedding? imageEmbedding;
    private readonly MissingModalityToken? missingImage;
    private readonly FusionBackbone backbone;
    private readonly ClassificationHead head;
    private readonly RhythmSplitHead? rhythmSplit;

    public ArrhythmiaModel(AtdConfig config) : base(nameof(ArrhythmiaModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Task != ModelTask.Arrhythmia)
        {
            throw new ArgumentException($"ArrhythmiaModel needs Task = Arrhythmia, got {config.Task}.", nameof(config));
        }

        config.Validate();
        Config = config;
        var d = config.ModelWidth;
        backbone = new FusionBackbone(config);
        if (backbone.UsesFirst)
        {
            signalEmbedding = new SignalPatchEmbedding(config.SignalLength, 1, config.SignalPatch, d);
            rhythmEmbedding = new RhythmTokenEmbedding(config.RhythmFeatures, d);
        }

        if (backbone.UsesSecond)
        {
            imageEmbedding = new ImagePatchEmbedding(config.ImageRows, config.ImageColumns, config.ImagePatch, d);
            missingImage = new MissingModalityToken(d, config.ModalityDropout);
        }

        head = new ClassificationHead(d, config.Classes, config.Dropout);
        if (config.RhythmSplitHead)
        {
            rhythmSplit = new RhythmSplitHead(config.RhythmFeatures);
        }

        RegisterComponents();
    }

    public AtdConfig Config { get; }

    /// <summary>The rhythm split head, or null without one (<see cref="AtdConfig.RhythmSplitHead"/>).</summary>
    public RhythmSplitHead? RhythmSplit => rhythmSplit;

    /// <param name="signal">[B, SignalLength] normalised beat window</param>
    /// <param name="rhythm">[B, RhythmFeatures] normalised RR features</param>
    /// <param name="image">[B, 1, ImageRows, ImageColumns] normalised spectrogram crop (any values where absent)</param>
    /// <param name="imagePresent">[B] bool, false where the image is missing</param>
    /// <returns>[B, Classes] logits (log-probabilities with the rhythm split head)</returns>
    public override Tensor forward(Tensor signal, Tensor rhythm, Tensor image, Tensor imagePresent)
    {
        var (network, split) = ForwardHeads(signal, rhythm, image, imagePresent);
        return split is null ? network : RhythmSplitHead.Combine(network, split);
    }

    /// <summary>The heads' outputs before they are combined, for training each on its own loss.</summary>
    /// <param name="signal">[B, SignalLength] normalised beat window</param>
    /// <param name="rhythm">[B, RhythmFeatures] normalised RR features</param>
    /// <param name="image">[B, 1, ImageRows, ImageColumns] normalised spectrogram crop (any values where absent)</param>
    /// <param name="imagePresent">[B] bool, false where the image is missing</param>
    /// <returns>Network: [B, Classes] logits; Split: [B, 2] N-against-S logits of the rhythm split head, or null without one</returns>
    public (Tensor Network, Tensor? Split) ForwardHeads(Tensor signal, Tensor rhythm, Tensor image, Tensor imagePresent)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(rhythm);
        var signalTokens = signalEmbedding is null || rhythmEmbedding is null
            ? null
            : cat([signalEmbedding.forward(signal.unsqueeze(-1)), rhythmEmbedding.forward(rhythm)], 1);
        var imageTokens = imageEmbedding is null || missingImage is null
            ? null
            : missingImage.forward(imageEmbedding.forward(image), imagePresent);
        return (head.forward(backbone.Forward(signalTokens, imageTokens)), rhythmSplit?.forward(rhythm));
    }
}
