using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Inference;

/// <summary>
/// Scores beats with a trained arrhythmia checkpoint. No torch types cross this API: inputs and outputs are
/// spans. Calls are serialised; each runs in eval mode under no_grad inside one dispose scope.
/// </summary>
public sealed class BeatClassifier : IDisposable
{
    private readonly InferenceSession<ArrhythmiaModel> session;
    private readonly InputNormalizer signalNormalizer;
    private readonly InputNormalizer rhythmNormalizer;
    private readonly InputNormalizer imageNormalizer;
    private readonly Tensor temperature;

    private BeatClassifier(InferenceSession<ArrhythmiaModel> session)
    {
        this.session = session;
        ClassNames = session.Labels(Config.Classes, "class names", "classes");
        signalNormalizer = session.Normalizer(InputNames.Signal, SignalLength);
        rhythmNormalizer = session.Normalizer(InputNames.Rhythm, RhythmFeatures);
        imageNormalizer = session.Normalizer(InputNames.Image, ImageRows * ImageColumns);
        temperature = tensor((float)Calibration.Temperature).to(session.Device);
    }

    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The checkpoint's calibration: <see cref="Predict"/> divides the logits by its temperature (1 for a
    /// checkpoint written before calibration existed).</summary>
    public ClassifierCalibration Calibration => session.Checkpoint.Calibration;

    /// <summary>A beat whose top calibrated probability is below this is unclassifiable: its class is not to be trusted
    /// (and never to be taken as N). 0 for an uncalibrated checkpoint.</summary>
    public float ConfidenceFloor => Calibration.ConfidenceFloor;

    public int SignalLength => Config.SignalLength;
    public int RhythmFeatures => Config.RhythmFeatures;
    public int ImageRows => Config.ImageRows;
    public int ImageColumns => Config.ImageColumns;

    private AtdConfig Config => session.Checkpoint.Config;

    /// <summary>Loads an arrhythmia checkpoint onto "cpu", "cuda" or "cuda:N".</summary>
    public static BeatClassifier Load(string checkpointPath, string device = "cpu") =>
        InferenceSession<ArrhythmiaModel>.Load(checkpointPath, device, ModelCheckpoint.LoadArrhythmia, session => new BeatClassifier(session));

    /// <summary>
    /// Calibrated class probabilities (softmax of the logits over the checkpoint's temperature) for
    /// <paramref name="batch"/> beats. Inputs are the data layer's raw features; the checkpoint's normalisation is applied here. Where <paramref name="imagePresent"/> is false the image
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

        using var call = session.Enter(this);
        var device = session.Device;
        var signal = signalNormalizer.Normalise(SpanTensors.Upload(signals, [batch, SignalLength], ScalarType.Float32, device));
        var features = rhythmNormalizer.Normalise(SpanTensors.Upload(rhythm, [batch, RhythmFeatures], ScalarType.Float32, device));
        var image = imageNormalizer.Normalise(SpanTensors.Upload(images, [batch, 1, ImageRows, ImageColumns], ScalarType.Float32, device));
        var present = SpanTensors.Upload(imagePresent, [batch], ScalarType.Bool, device);
        var logits = session.Model.forward(signal, features, image, present);
        SpanTensors.Download(logits.div(temperature).softmax(-1), probabilities);
    }

    public void Dispose()
    {
        temperature.Dispose();
        session.Dispose();
    }
}
