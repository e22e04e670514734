using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Heads;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Training.Arrhythmia;
using AtdMonitor.Training.Optimization;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Tests.Arrhythmia;

public sealed class RhythmSplitFitTests
{
    private const int Beats = 90;

    [Fact]
    public void The_fitted_head_tells_S_from_N_by_the_rhythm_alone_where_their_beats_look_alike()
    {
        // Every third beat is S, every ninth V; only rhythm feature 0 (prematurity) marks S, and the windows are equal.
        int[] labels = [.. Enumerable.Range(0, Beats).Select(i => i % 9 == 4 ? 2 : i % 3 == 0 ? 1 : 0)];
        using var model = Model();
        using var beats = Tensors(labels, beat => labels[beat] == 1 ? 1f : -1f);

        var counts = RhythmSplitFit.Fit(model, beats);

        Assert.Equal((labels.Count(l => l == 0), labels.Count(l => l == 1)), counts);
        Assert.Equal([.. labels.Where(l => l < 2)], HeadCalls(model, beats, labels));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(200f)]
    public void The_fit_is_the_minimum_of_the_class_weighted_penalised_cross_entropy_also_with_beats_far_out(float farOut)
    {
        // Overlapping classes (feature 0 only shifts S), so the minimum is interior and every term of the gradient counts;
        // two N beats may lie far out on that feature, as a long pause's post-RR does on DS1.
        int[] labels = [.. Enumerable.Range(0, Beats).Select(i => i % 4 == 0 ? 1 : 0)];
        using var model = Model();
        using var beats = Tensors(labels, beat => beat == 5 ? farOut : beat == 50 ? -farOut : labels[beat] == 1 ? 0.3f : 0f, spread: 1f);

        RhythmSplitFit.Fit(model, beats);

        // The gradient of Σ w_i CE_i + L2/2 ‖β‖², w ∝ n_class^-½ summing to 1, intercept unpenalised, is 0 at the fit.
        var (coefficients, intercept) = LogOdds(model);
        var rhythm = beats.Rhythm.data<float>().ToArray();
        var features = BeatSpec.RhythmFeatureCount;
        var classWeight = new[] { 1 / Math.Sqrt(labels.Count(l => l == 0)), 1 / Math.Sqrt(labels.Count(l => l == 1)) };
        var total = labels.Sum(l => classWeight[l]);
        var gradient = new double[features + 1];
        for (var beat = 0; beat < labels.Length; beat++)
        {
            var z = intercept + Enumerable.Range(0, features).Sum(f => coefficients[f] * rhythm[(beat * features) + f]);
            var residual = classWeight[labels[beat]] / total * ((1 / (1 + Math.Exp(-z))) - labels[beat]);
            for (var f = 0; f < features; f++)
            {
                gradient[f] += residual * rhythm[(beat * features) + f];
            }

            gradient[features] += residual;
        }

        for (var f = 0; f < features; f++)
        {
            gradient[f] += RhythmSplitFit.L2 * coefficients[f];
        }

        Assert.All(gradient, component => Assert.True(Math.Abs(component) < 1e-5, $"gradient component {component}"));
        Assert.True(farOut != 0 || coefficients[0] > 0, "S beats, whose feature 0 is shifted up, should raise the log-odds of S with it");
    }

    [Theory]
    [InlineData(RhythmSplitHead.Normal)]
    [InlineData(RhythmSplitHead.Supraventricular)]
    public void A_head_fitted_on_one_of_N_and_S_calls_every_beat_that_class(int seen)
    {
        int[] labels = [.. Enumerable.Range(0, Beats).Select(i => i % 5 == 0 ? 2 : seen)];
        using var model = Model();
        using var beats = Tensors(labels, beat => beat % 2 == 0 ? 1f : -1f);

        RhythmSplitFit.Fit(model, beats);

        Assert.All(HeadCalls(model, beats, labels), call => Assert.Equal(seen, call));
    }

    [Fact]
    public void A_training_step_with_weight_decay_leaves_the_fitted_head_as_it_is()
    {
        int[] labels = [.. Enumerable.Range(0, Beats).Select(i => i % 9 == 4 ? 2 : i % 3 == 0 ? 1 : 0)];
        using var model = Model();
        using var beats = Tensors(labels, beat => labels[beat] == 1 ? 1f : -1f);
        RhythmSplitFit.Fit(model, beats);
        var before = LogOdds(model);
        using var task = new ArrhythmiaTrainingTask(model, beats, beats, Beats, ClassBalancing.None, AamiMapping.ClassNames, []);
        using var optimizer = AdamWOptimizer.ForModel(model, learningRate: 0.1, weightDecay: 0.5);

        model.train();
        task.BeginEpoch(0, new Random(1));
        using (var scope = NewDisposeScope())
        {
            optimizer.ZeroGrad();
            task.TrainingLoss(0).Loss.backward();
            optimizer.Step();
        }

        var after = LogOdds(model);
        Assert.Equal(before.Coefficients, after.Coefficients);
        Assert.Equal(before.Intercept, after.Intercept);
    }

    private static ArrhythmiaModel Model()
    {
        random.manual_seed(11);
        return new ArrhythmiaModel(new AtdConfig { ModelWidth = 16, EncoderLayers = 1, FeedForwardWidth = 32, AttentionHeads = 2, RhythmSplitHead = true });
    }

    /// <summary>Beats with one window and image and random rhythm features in [0, <paramref name="spread"/>), but feature 0 =
    /// <paramref name="prematurity"/>(beat) plus noise in [0, <paramref name="spread"/>) (0.2 unless given).</summary>
    private static BeatTensors Tensors(int[] labels, Func<int, float> prematurity, float spread = 0.2f)
    {
        var random = new Random(12);
        var window = Enumerable.Range(0, BeatSpec.WindowLength).Select(_ => (float)random.NextDouble()).ToArray();
        var rhythm = Enumerable.Range(0, labels.Length).SelectMany(beat => Enumerable.Range(0, BeatSpec.RhythmFeatureCount)
            .Select(feature => feature == 0 ? prematurity(beat) + (spread * (float)random.NextDouble()) : (float)random.NextDouble())).ToArray();
        var dataset = new BeatDataset([.. labels.SelectMany(_ => window)], rhythm, new float[labels.Length * BeatDataset.ImageSize], labels,
            [.. labels.Select(_ => "r")], [.. labels.Select((_, i) => 100L * i)], [.. labels.Select(_ => true)]);
        return BeatTensors.Create(dataset, [.. Enumerable.Range(0, labels.Length)], []);
    }

    /// <summary>The head as log-odds of S: coefficients (S row − N row) and intercept.</summary>
    private static (double[] Coefficients, double Intercept) LogOdds(ArrhythmiaModel model)
    {
        var parameters = model.RhythmSplit!.parameters().ToArray();
        var weight = parameters[0].data<float>().ToArray();
        var bias = parameters[1].data<float>().ToArray();
        var features = BeatSpec.RhythmFeatureCount;
        return ([.. Enumerable.Range(0, features).Select(f => (double)weight[features + f] - weight[f])], (double)bias[1] - bias[0]);
    }

    /// <summary>The head's own call (N or S) for each N and S beat.</summary>
    private static int[] HeadCalls(ArrhythmiaModel model, BeatTensors beats, int[] labels)
    {
        using var scope = NewDisposeScope();
        var rows = tensor(Enumerable.Range(0, labels.Length).Where(i => labels[i] < 2).Select(i => (long)i).ToArray());
        return [.. model.RhythmSplit!.forward(beats.Rhythm.index_select(0, rows)).argmax(1).to_type(ScalarType.Int32).data<int>().ToArray()];
    }
}
