using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Encoders;

/// <summary>
/// Per time step, the sum of one embedding table per calendar field (hour, weekday, day of month, month),
/// plus (ours) a learned position embedding per step.
/// </summary>
public sealed class CalendarEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Embedding> fields;
    private readonly Parameter positions;

    public CalendarEmbedding(IReadOnlyList<int> cardinalities, int steps, int width) : base(nameof(CalendarEmbedding))
    {
        ArgumentNullException.ThrowIfNull(cardinalities);
        fields = nn.ModuleList(cardinalities.Select(cardinality => nn.Embedding(cardinality, width)).ToArray());
        positions = new Parameter(randn(steps, width).mul_(0.02));
        RegisterComponents();
    }

    /// <param name="calendar">[B, S, fields] int64 codes</param>
    /// <returns>[B, S, d]</returns>
    public override Tensor forward(Tensor calendar)
    {
        var embedded = positions.expand(calendar.shape[0], -1, -1);
        for (var field = 0; field < fields.Count; field++)
        {
            embedded = embedded + fields[field].forward(calendar.select(2, field));
        }

        return embedded;
    }
}
