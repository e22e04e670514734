using AtdMonitor.Model.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Optimization;

/// <summary>
/// AdamW (Loshchilov and Hutter 2019), step for step what <c>torch.optim.AdamW</c> computes (no AMSGrad), with the
/// learning rate set per step by the caller.
/// </summary>
/// <remarks>
/// TorchSharp's own AdamW hands libtorch numbers as implicit, unreferenced <see cref="Scalar"/>s, which a garbage
/// collection on another thread can free mid-call (see <see cref="TensorArithmetic"/>); here each is a <c>using</c>
/// local that outlives its calls. The state file starts with its own header, so a file from another optimiser is
/// refused with a clear message instead of being misread.
/// </remarks>
public sealed class AdamWOptimizer : IDisposable
{
    private const string Header = "atd-adamw/1";
    private readonly Parameter[] _parameters;
    private readonly bool[] _decays;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly double _weightDecay;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;
    private long _steps;

    /// <summary>Decays every parameter (as <c>torch.optim.AdamW</c> with one parameter group).</summary>
    public AdamWOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay = 0.01,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : this(parameters?.Select(parameter => (parameter, true)) ?? throw new ArgumentNullException(nameof(parameters)),
            learningRate, weightDecay, beta1, beta2, epsilon)
    {
    }

    /// <summary>Decays the parameters marked so (e.g. by <see cref="WeightDecayPolicy.Split"/>); the others get a decay of 0.</summary>
    public AdamWOptimizer(IEnumerable<(Parameter Parameter, bool Decays)> parameters, double learningRate, double weightDecay = 0.01,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(learningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        ArgumentOutOfRangeException.ThrowIfNegative(beta1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(beta1, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(beta2);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(beta2, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        var trainable = parameters.Where(p => p.Parameter.requires_grad).ToArray();
        _parameters = trainable.Select(p => p.Parameter).ToArray();
        _decays = trainable.Select(p => p.Decays).ToArray();
        _firstMoments = _parameters.Select(p => zeros_like(p)).ToArray();
        _secondMoments = _parameters.Select(p => zeros_like(p)).ToArray();
        LearningRate = learningRate;
        _weightDecay = weightDecay;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
    }

    /// <summary>An optimiser for every trainable parameter of <paramref name="model"/>, decayed as <see cref="WeightDecayPolicy"/> says.</summary>
    public static AdamWOptimizer ForModel(nn.Module model, double learningRate, double weightDecay) =>
        new(WeightDecayPolicy.Split(model).Select(named => (named.Parameter, named.Decays)), learningRate, weightDecay);

    /// <summary>The rate the next <see cref="Step"/> uses.</summary>
    public double LearningRate { get; set; }

    /// <summary>Steps taken so far (restored by <see cref="Load"/>).</summary>
    public long Steps => _steps;

    /// <summary>Zeroes every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            using var gradient = parameter.grad;
            gradient?.zero_();
        }
    }

    /// <summary>One update from the current gradients; parameters without a gradient are left alone.</summary>
    public void Step()
    {
        _steps++;
        var biasCorrection1 = 1 - Math.Pow(_beta1, _steps);
        var biasCorrection2 = 1 - Math.Pow(_beta2, _steps);
        using var decay = (1 - (LearningRate * _weightDecay)).ToScalar();
        using var beta1 = _beta1.ToScalar();
        using var oneMinusBeta1 = (1 - _beta1).ToScalar();
        using var beta2 = _beta2.ToScalar();
        using var oneMinusBeta2 = (1 - _beta2).ToScalar();
        using var rootBiasCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var epsilon = _epsilon.ToScalar();
        using var negativeStepSize = (-LearningRate / biasCorrection1).ToScalar();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var gradient = _parameters[i].grad;
            if (gradient is null)
            {
                continue;
            }

            if (_decays[i])
            {
                _parameters[i].mul_(decay);
            }

            _firstMoments[i].mul_(beta1).add_(gradient, oneMinusBeta1);
            _secondMoments[i].mul_(beta2).addcmul_(gradient, gradient, oneMinusBeta2);
            var denominator = _secondMoments[i].sqrt().div_(rootBiasCorrection2).add_(epsilon, TensorArithmetic.One);
            _parameters[i].addcdiv_(_firstMoments[i], denominator, negativeStepSize);
        }
    }

    /// <summary>Writes the step count and both moments of every parameter.</summary>
    public void Save(string path)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(Header);
        writer.Write(_parameters.Length);
        writer.Write(_steps);
        foreach (var moment in _firstMoments.Concat(_secondMoments))
        {
            moment.Save(writer);
        }
    }

    /// <summary>Restores what <see cref="Save"/> wrote for the same parameters.</summary>
    /// <exception cref="InvalidDataException">The file is not this optimiser's state, or is for other parameters.</exception>
    public void Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var header = ReadHeader(reader);
        if (header != Header)
        {
            throw new InvalidDataException($"{path} is not an AdamW state written by this version (header \"{header}\", expected \"{Header}\").");
        }

        var count = reader.ReadInt32();
        if (count != _parameters.Length)
        {
            throw new InvalidDataException($"{path} holds the state of {count} parameters; this model has {_parameters.Length}.");
        }

        var steps = reader.ReadInt64();
        using var noGrad = no_grad();
        foreach (var moment in _firstMoments.Concat(_secondMoments))
        {
            moment.Load(reader);
        }

        _steps = steps;
    }

    public void Dispose()
    {
        foreach (var moment in _firstMoments.Concat(_secondMoments))
        {
            moment.Dispose();
        }
    }

    private static string ReadHeader(BinaryReader reader)
    {
        try
        {
            return reader.ReadString();
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            return "(unreadable)";
        }
    }
}
