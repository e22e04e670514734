using System.Buffers.Binary;

namespace AtdMonitor.Simulator.Faults;

/// <summary>
/// Draws the fault of each message from one seeded generator (one draw per message, in publishing order), and damages
/// payloads. Not thread-safe: the replay loop is its only caller.
/// </summary>
public sealed class FaultInjector
{
    private readonly FaultOptions _options;
    private readonly Random _random;

    public FaultInjector(FaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _random = new Random(options.Seed);
    }

    /// <summary>The fault for the next message; <paramref name="isImage"/> allows <see cref="FaultKind.DelayImage"/>.</summary>
    public FaultKind Next(bool isImage)
    {
        if (!_options.Any)
        {
            return FaultKind.None;
        }

        var draw = _random.NextDouble();
        if ((draw -= _options.DropRate) < 0)
        {
            return FaultKind.Drop;
        }

        if ((draw -= _options.DuplicateRate) < 0)
        {
            return FaultKind.Duplicate;
        }

        if ((draw -= _options.ReorderRate) < 0)
        {
            return FaultKind.Reorder;
        }

        if ((draw -= _options.CorruptRate) < 0)
        {
            return FaultKind.Corrupt;
        }

        return isImage && draw - _options.ImageDelayRate < 0 ? FaultKind.DelayImage : FaultKind.None;
    }

    /// <summary>
    /// A damaged copy that a validating reader must reject: cut short, a wrong magic byte, or its last value (a float32
    /// sample or pixel in the binary layout) set to NaN.
    /// </summary>
    public byte[] Corrupt(ReadOnlySpan<byte> payload)
    {
        var damaged = payload.ToArray();
        switch (_random.Next(3))
        {
            case 0 when damaged.Length > 1:
                return damaged[..(1 + _random.Next(damaged.Length - 1))];
            case 1 when damaged.Length > 0:
                damaged[0] ^= 0xFF;
                return damaged;
            default:
                if (damaged.Length >= 4)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(damaged.AsSpan(damaged.Length - 4), float.NaN);
                }

                return damaged;
        }
    }
}
