using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Numerics;

/// <summary>
/// Sums whose implicit factor (alpha = 1) is a <see cref="Scalar"/> that stays alive.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 turns every number handed to a tensor operation, including the alpha = 1 behind
/// <c>Tensor + Tensor</c> and <c>Tensor.add(Scalar)</c>, into a new finalizable <see cref="Scalar"/> and keeps no
/// reference to it during the native call (<c>Tensor − Tensor</c>, <c>*</c> and <c>/</c> pass none). A garbage collection started by another thread can then free it
/// mid-call, and libtorch reads freed memory ("Expected false to be true" from <c>c10::Scalar::toFloat</c>;
/// dotnet/TorchSharp#1434). The model and the optimiser therefore pass scalars that something still holds: this
/// class's <see cref="One"/>, a module's own constant fields, or a <c>using</c> local.
/// </remarks>
public static class TensorArithmetic
{
    /// <summary>1, alive for the whole process.</summary>
    public static Scalar One { get; } = 1.ToScalar();

    /// <summary><paramref name="left"/> + <paramref name="right"/>, broadcasting.</summary>
    public static Tensor Plus(this Tensor left, Tensor right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.add(right, One);
    }

    /// <summary><paramref name="left"/> + <paramref name="right"/> for a scalar that the caller keeps alive.</summary>
    public static Tensor Plus(this Tensor left, Scalar right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.add(right, One);
    }
}
