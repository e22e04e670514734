using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Inference;

/// <summary>
/// Scores beats with a trained arrhythmia checkpoint. No torch types cross this API: inputs and outputs are
/// spans. Calls are serialised; each runs in eval mode under no_grad inside one dispose scope.
/// </summary>
public sealed class BeatClassifier : IDisposable
{
    private readonly ArrhythmiaModel model;
    private readonly Device device;
    private readonly InputNormalizer signalNormalizer;
    private readonly InputNormalizer rhythmNormalizer;
    private readonly InputNormalizer imageNormalizer;
    private readonly Lock gate = new();
    private bool disposed;

    private BeatClassifier(ModelCheckpoint checkpoint, ArrhythmiaModel model, Device device)
    {
        var config = checkpoint.Config;
        this.model = model;
        this.device = device;
        ClassNames = checkpoint.Labels;
        if (ClassNames.Count != config.Classes)
        {
            throw new InvalidDataException($"Checkpoint has {ClassNames.Count} class names for {config.Classes} classes.");
        }

        SignalLength = config.SignalLength;
        RhythmFeatures = config.RhythmFeatures;
        ImageRows = config.ImageRows;
        ImageColumns = config.ImageColumns;
        signalNormalizer = new InputNormalizer(checkpoint.NormalizationFor(InputNames.Signal), SignalLength, device);
        rhythmNormalizer = new InputNormalizer(checkpoint.NormalizationFor(InputNames.Rhythm), RhythmFeatures, device);
        imageNormalizer = new InputNormalizer(checkpoint.NormalizationFor(InputNames.Image), ImageRows * ImageColumns, device);
        model.to(device);
        model.eval();
    }

    public IReadOnlyList<string> ClassNames { get; }
    public int SignalLength { get; }
    public int RhythmFeatures { get; }
    public int ImageRows { get; }
    public int ImageColumns { get; }

    /// <summary>Loads an arrhythmia checkpoint onto "cpu", "cuda" or "cuda:N".</summary>
    public static BeatClassifier Load(string checkpointPath, string device = "cpu")
    {
        var target = TorchDevice.Parse(device);
        var (checkpoint, model) = ModelCheckpoint.LoadArrhythmia(checkpointPath);
        try
        {
            return new BeatClassifier(checkpoint, model, target);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Class probabilities for <paramref name="batch"/> beats. Inputs are the data layer's raw features; the
    /// checkpoint's normalisation is applied here. Where <paramref name="imagePresent"/> is false the image
    /// values are ignored and the learned missing-modality token is used.
    /// </summary>
    /// <param name="batch">Number of beats, at least 1.</param>
    /// <param name="signals">[batch, SignalLength] row-major.</param>
    /// <param name="rhythm">[batch, RhythmFeatures] row-major.</param>
    /// <param name="images">[batch, ImageRows, ImageColumns] row-major.</param>
    /// <param name="imagePresent">[batch].</param>
    /// <param name="probabilities">[batch, classes] row-major, written.</param>
    public void Predict(int batch, ReadOnlySpan<float> signals, ReadOnlySpan<float> rhythm, ReadOnlySpan<float> images,
                        ReadOnlySpan<bool> imagePresent, Span<float> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        SpanTensors.RequireLength(signals.Length, (long)batch * SignalLength, nameof(signals), "batch × SignalLength");
        SpanTensors.RequireLength(rhythm.Length, (long)batch * RhythmFeatures, nameof(rhythm), "batch × RhythmFeatures");
        SpanTensors.RequireLength(images.Length, (long)batch * ImageRows * ImageColumns, nameof(images), "batch × ImageRows × ImageColumns");
        SpanTensors.RequireLength(imagePresent.Length, batch, nameof(imagePresent), "batch");
        SpanTensors.RequireLength(probabilities.Length, (long)batch * ClassNames.Count, nameof(probabilities), "batch × classes");

        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var signal = signalNormalizer.Normalise(SpanTensors.Upload(signals, [batch, SignalLength], ScalarType.Float32, device));
            var features = rhythmNormalizer.Normalise(SpanTensors.Upload(rhythm, [batch, RhythmFeatures], ScalarType.Float32, device));
            var image = imageNormalizer.Normalise(SpanTensors.Upload(images, [batch, 1, ImageRows, ImageColumns], ScalarType.Float32, device));
            var present = SpanTensors.Upload(imagePresent, [batch], ScalarType.Bool, device);
            var logits = model.forward(signal, features, image, present);
            SpanTensors.Download(logits.softmax(-1), probabilities);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            model.Dispose();
            signalNormalizer.Dispose();
            rhythmNormalizer.Dispose();
            imageNormalizer.Dispose();
        }
    }
}
