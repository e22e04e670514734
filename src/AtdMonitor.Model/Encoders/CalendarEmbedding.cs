using AtdMonitor.Model.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Encoders;

/// <summary>
/// Per time step, the sum of one embedding table per calendar field (hour, weekday, day of month, month),
/// plus (ours) a learned position embedding per step; (ours) then patches of P steps, linear to one token each,
/// like the history's patches. One token per step made the calendar encoder's attention over look-back + horizon
/// steps most of the forecaster's cost.
/// </summary>
public sealed class CalendarEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Embedding> fields;
    private readonly Parameter positions;
    private readonly Linear projection;
    private readonly int patch;
    private readonly int paddedSteps;

    /// <param name="cardinalities">Codes per calendar field.</param>
    /// <param name="steps">Steps per sample (look-back + horizon).</param>
    /// <param name="patch">Steps per token; the last token is zero-padded when <paramref name="patch"/> does not divide <paramref name="steps"/>.</param>
    /// <param name="width">Token width d.</param>
    public CalendarEmbedding(IReadOnlyList<int> cardinalities, int steps, int patch, int width) : base(nameof(CalendarEmbedding))
    {
        ArgumentNullException.ThrowIfNull(cardinalities);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patch);
        this.patch = patch;
        paddedSteps = (steps + patch - 1) / patch * patch;
        fields = nn.ModuleList(cardinalities.Select(cardinality => nn.Embedding(cardinality, width)).ToArray());
        positions = new Parameter(empty(steps, width).normal_(0, 0.02));
        projection = nn.Linear(patch * width, width);
        RegisterComponents();
    }

    /// <summary>Tokens per sample: ⌈steps / P⌉.</summary>
    public long Tokens => paddedSteps / patch;

    /// <param name="calendar">[B, S, fields] int64 codes</param>
    /// <returns>[B, ⌈S / P⌉, d]</returns>
    public override Tensor forward(Tensor calendar)
    {
        var embedded = positions.expand(calendar.shape[0], -1, -1);
        for (var field = 0; field < fields.Count; field++)
        {
            embedded = embedded.Plus(fields[field].forward(calendar.select(2, field)));
        }

        if (paddedSteps > embedded.shape[1])
        {
            embedded = nn.functional.pad(embedded, [0, 0, 0, paddedSteps - embedded.shape[1]]);
        }

        return projection.forward(embedded.reshape(embedded.shape[0], Tokens, -1));
    }
}
