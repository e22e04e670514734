using SkiaSharp;

namespace AtdMonitor.Data.Spectrograms;

/// <summary>8-bit greyscale PNG of a spectrogram image: 0 .. <see cref="SpectrogramSpec.PngMaxValue"/> maps to
/// 0 .. 255 (row 0, the lowest frequency, is the top row of the PNG).</summary>
public static class SpectrogramPng
{
    /// <summary>Encodes a row-major image; values are clamped to the fixed range.</summary>
    public static byte[] Encode(ReadOnlySpan<float> image, int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        if (image.Length != rows * cols)
        {
            throw new ArgumentException($"Image holds {image.Length} values; {rows} x {cols} expected.", nameof(image));
        }

        using var bitmap = new SKBitmap(new SKImageInfo(cols, rows, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        var stride = bitmap.RowBytes;
        const float scale = 255f / SpectrogramSpec.PngMaxValue;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                pixels[(r * stride) + c] = (byte)Math.Clamp(MathF.Round(image[(r * cols) + c] * scale), 0, 255);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG.");
        return data.ToArray();
    }

    /// <summary>Decodes a PNG written by <see cref="Encode"/> (any PNG is read as grey) back to values in the fixed range.</summary>
    /// <exception cref="FormatException">The bytes are not a PNG image.</exception>
    public static float[] Decode(byte[] png, out int rows, out int cols)
    {
        ArgumentNullException.ThrowIfNull(png);
        using var codec = SKCodec.Create(new SKMemoryStream(png))
            ?? throw new FormatException($"Not a PNG image ({png.Length} bytes).");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            throw new FormatException($"PNG could not be decoded: {result}.");
        }

        rows = info.Height;
        cols = info.Width;
        var pixels = bitmap.GetPixelSpan();
        var stride = bitmap.RowBytes;
        var image = new float[rows * cols];
        const float scale = SpectrogramSpec.PngMaxValue / 255f;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                image[(r * cols) + c] = pixels[(r * stride) + c] * scale;
            }
        }

        return image;
    }
}
