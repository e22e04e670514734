using AtdMonitor.Model.Variants;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Optimization;

/// <summary>
/// Which parameters AdamW's weight decay pulls towards zero: only the matrices of linear maps (the weights of
/// Linear and Conv layers and LMF's factor tensors). Biases, LayerNorm gains, embedding tables, position vectors,
/// learned tokens and queries, RevIN's affine map and ATD Fusion's Θ are not decayed: zero is not a sensible
/// prior for a gain that starts at 1, a table that is only read where an index occurs, or Θ, whose start and
/// "no displacement" point is the identity.
/// </summary>
public static class WeightDecayPolicy
{
    /// <summary>Every parameter of <paramref name="model"/> that requires a gradient, in <c>parameters()</c> order, with whether it decays.</summary>
    public static IReadOnlyList<(string Name, Parameter Parameter, bool Decays)> Split(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var decayed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (prefix, module) in model.named_modules().Prepend((string.Empty, model)))
        {
            foreach (var (name, parameter) in module.named_parameters(recurse: false))
            {
                if (IsLinearMap(module, name, parameter))
                {
                    decayed.Add(prefix.Length == 0 ? name : $"{prefix}.{name}");
                }
            }
        }

        return model.named_parameters()
            .Where(named => named.parameter.requires_grad)
            .Select(named => (named.name, named.parameter, decayed.Contains(named.name)))
            .ToList();
    }

    private static bool IsLinearMap(nn.Module module, string name, Parameter parameter) => module switch
    {
        Linear or Conv1d or Conv2d => name == "weight",
        LowRankFusion => parameter.dim() == 3, // the modality factors W_r; not the rank weights or the bias
        _ => false,
    };
}
