using System.Runtime.InteropServices;
using AtdMonitor.Model.Heads;
using AtdMonitor.Model.Numerics;
using AtdMonitor.Model.Tasks;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>
/// Fits a model's <see cref="RhythmSplitHead"/> before the network trains: a logistic regression of S against N on the
/// training beats' normalised rhythm features, each class weighted ∝ n^-½ (as <c>--balance weights</c> weighs the
/// network's classes), with an L2 penalty of <see cref="L2"/> on the coefficients, solved by Newton's method in double
/// precision, each step halved until the objective does not rise, until no coefficient moves by 10⁻⁹. The problem is
/// convex, so the fit does not depend on the seed.
/// </summary>
public static class RhythmSplitFit
{
    /// <summary>The L2 penalty, chosen by DS1 cross-validation (docs/RESULTS.md, 1.1h); against a loss that is the
    /// weighted mean cross-entropy (the weights sum to 1), so it does not grow with the number of beats.</summary>
    public const double L2 = 1e-4;

    private const int MaximumIterations = 100;
    private const double MinimumStep = 1.0 / (1 << 30);
    private const double Tolerance = 1e-9;
    private const double OneClassLogOdds = 10;

    /// <summary>Fits <paramref name="model"/>'s head on <paramref name="training"/>'s N and S beats; returns how many
    /// there were of each (a head without beats of both classes calls every beat the class it saw, or splits evenly).</summary>
    public static (int Normal, int Supraventricular) Fit(ArrhythmiaModel model, BeatTensors training)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        var head = model.RhythmSplit ?? throw new ArgumentException("The model has no rhythm split head.", nameof(model));
        var rows = Enumerable.Range(0, training.Count)
            .Where(i => training.LabelValues[i] is RhythmSplitHead.Normal or RhythmSplitHead.Supraventricular)
            .Select(i => (long)i).ToArray();
        var normal = rows.Count(i => training.LabelValues[(int)i] == RhythmSplitHead.Normal);
        var supraventricular = rows.Length - normal;

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var features = (int)training.Rhythm.shape[1];
        if (normal == 0 || supraventricular == 0)
        {
            // One class (or none) to learn from: every beat is called the class seen, or split evenly.
            head.SetLogOdds(zeros(features), normal == supraventricular ? 0 : normal == 0 ? OneClassLogOdds : -OneClassLogOdds);
            return (normal, supraventricular);
        }

        var index = tensor(rows);
        var x = cat([training.Rhythm.index_select(0, index).to_type(ScalarType.Float64), ones(rows.Length, 1, dtype: ScalarType.Float64)], 1);
        var labels = training.Labels.index_select(0, index);
        var isSupraventricular = labels.to_type(ScalarType.Float64);
        var weights = tensor(new[] { 1 / Math.Sqrt(normal), 1 / Math.Sqrt(supraventricular) }, dtype: ScalarType.Float64).index_select(0, labels);
        weights = weights / weights.sum();
        // The intercept (last) is not penalised.
        var penalty = diag(cat([ones(features, dtype: ScalarType.Float64) * tensor(L2, dtype: ScalarType.Float64), zeros(1, dtype: ScalarType.Float64)]));
        var solution = zeros(features + 1, dtype: ScalarType.Float64);
        for (var iteration = 0; ; iteration++)
        {
            if (iteration == MaximumIterations)
            {
                throw new InvalidOperationException($"The rhythm split head's fit did not converge in {MaximumIterations} Newton steps on {normal} N and {supraventricular} S beats.");
            }

            using var step = NewDisposeScope();
            var probability = x.matmul(solution).sigmoid();
            var gradient = x.t().matmul(weights * (probability - isSupraventricular)).Plus(penalty.matmul(solution));
            var curvature = weights * probability * (ones_like(probability) - probability);
            Tensor change;
            try
            {
                change = linalg.solve(x.t().matmul(x * curvature.unsqueeze(1)).Plus(penalty), gradient);
            }
            catch (ExternalException exception)
            {
                throw new InvalidOperationException(
                    $"The rhythm split head's fit met a singular curvature on {normal} N and {supraventricular} S beats (features that separate them perfectly?): {exception.Message}",
                    exception);
            }

            if (!change.isfinite().all().item<bool>())
            {
                throw new InvalidOperationException($"The rhythm split head's fit diverged on {normal} N and {supraventricular} S beats.");
            }

            var largestChange = change.abs().max().item<double>();
            if (largestChange < Tolerance)
            {
                solution = (solution - change).MoveToOuterDisposeScope();
                break;
            }

            // A full Newton step can overshoot where a few beats lie far out (a pause's post-RR is ~180 sd on DS1) and
            // then cycle: halve it until the objective does not rise (backtracking), which keeps the convex fit converging.
            var objective = Objective(x, solution, isSupraventricular, weights, penalty);
            var fraction = 1.0;
            while (Objective(x, solution - (change * fraction), isSupraventricular, weights, penalty) > objective)
            {
                fraction /= 2;
                if (fraction < MinimumStep)
                {
                    throw new InvalidOperationException(
                        $"The rhythm split head's fit found no step that lowers its objective on {normal} N and {supraventricular} S beats (Newton step {largestChange:G3}).");
                }
            }

            solution = (solution - (change * fraction)).MoveToOuterDisposeScope();
        }

        head.SetLogOdds(solution.narrow(0, 0, features).to_type(ScalarType.Float32), solution[features].item<double>());
        return (normal, supraventricular);
    }

    /// <summary>The weighted mean cross-entropy of S against N plus the L2 penalty, at <paramref name="solution"/>.</summary>
    private static double Objective(Tensor x, Tensor solution, Tensor isSupraventricular, Tensor weights, Tensor penalty)
    {
        using var scope = NewDisposeScope();
        var logOdds = x.matmul(solution);
        // log(1 + e^z), exactly for every z
        var softplus = logOdds.clamp_min(0) + logOdds.abs().neg().exp().log1p();
        var crossEntropy = softplus - (isSupraventricular * logOdds);
        return (weights * crossEntropy).sum().item<double>() + (0.5 * solution.dot(penalty.matmul(solution)).item<double>());
    }
}
