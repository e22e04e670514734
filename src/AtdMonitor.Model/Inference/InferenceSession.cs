using AtdMonitor.Model.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Inference;

/// <summary>
/// What the inference facades share: a checkpoint's model on its device in eval mode, its labels checked, the
/// normalisers that live as long as it, one call at a time (<see cref="Enter"/>), and one idempotent disposal of it all.
/// </summary>
/// <remarks>Built by <see cref="Load"/>, which frees what it loaded if the facade cannot be built.</remarks>
internal sealed class InferenceSession<TModel>(ModelCheckpoint checkpoint, TModel model, Device device) : IDisposable where TModel : nn.Module
{
    private readonly Lock gate = new();
    private readonly List<InputNormalizer> normalizers = [];
    private bool disposed;

    public ModelCheckpoint Checkpoint { get; } = checkpoint;
    public TModel Model { get; } = model;
    public Device Device { get; } = device;

    /// <summary>
    /// Loads the checkpoint with <paramref name="load"/> onto <paramref name="device"/> ("cpu", "cuda" or "cuda:N")
    /// and builds the facade with <paramref name="create"/>; if that throws, the model and its normalisers are freed.
    /// </summary>
    public static TFacade Load<TFacade>(string checkpointPath, string device, Func<string, (ModelCheckpoint Checkpoint, TModel Model)> load,
                                        Func<InferenceSession<TModel>, TFacade> create)
    {
        var target = TorchDevice.Parse(device);
        var (checkpoint, model) = load(checkpointPath);
        var session = new InferenceSession<TModel>(checkpoint, model, target);
        try
        {
            var facade = create(session);
            model.to(target);
            model.eval();
            return facade;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The checkpoint's labels, checked to name each of the model's <paramref name="outputs"/>.</summary>
    /// <param name="outputs">How many the model has.</param>
    /// <param name="labels">What the labels are, for the error (e.g. "class names").</param>
    /// <param name="outputName">What the outputs are, for the error (e.g. "classes").</param>
    public IReadOnlyList<string> Labels(int outputs, string labels, string outputName)
    {
        if (Checkpoint.Labels.Count != outputs)
        {
            throw new InvalidDataException($"Checkpoint has {Checkpoint.Labels.Count} {labels} for {outputs} {outputName}.");
        }

        return Checkpoint.Labels;
    }

    /// <summary>The checkpoint's normalisation of <paramref name="input"/> on the device, freed with the model.</summary>
    public InputNormalizer Normalizer(string input, int sampleSize)
    {
        var normalizer = new InputNormalizer(Checkpoint.NormalizationFor(input), sampleSize, Device);
        normalizers.Add(normalizer);
        return normalizer;
    }

    /// <summary>Starts one call: the lock taken, no_grad on, a dispose scope open, all undone by disposing the call.</summary>
    /// <exception cref="ObjectDisposedException">The session was disposed; it names <paramref name="facade"/>.</exception>
    public InferenceCall Enter(object facade)
    {
        gate.Enter();
        try
        {
            ObjectDisposedException.ThrowIf(disposed, facade);
            return new InferenceCall(gate);
        }
        catch
        {
            gate.Exit();
            throw;
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
            Model.Dispose();
            foreach (var normalizer in normalizers)
            {
                normalizer.Dispose();
            }
        }
    }
}
