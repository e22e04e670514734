using System.Globalization;
using System.Text;

namespace AtdMonitor.Protocol.Validation;

/// <summary>
/// How a text from the wire is quoted in a one-line reason: cut to a length, and every control or format character
/// (a line break, a bidirectional override) written as \uXXXX, so a hostile value can neither break the reason's line
/// in a log nor disguise what it says.
/// </summary>
internal static class WireText
{
    /// <summary>Characters quoted unless the caller asks for another length.</summary>
    public const int MaxLength = 64;

    /// <summary>At most <paramref name="maxLength"/> characters of <paramref name="text"/> (then "…"), control and format
    /// characters escaped; "(missing)" for null.</summary>
    public static string Quote(string? text, int maxLength = MaxLength)
    {
        if (text is null)
        {
            return "(missing)";
        }

        var quoted = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        foreach (var c in text.Length <= maxLength ? text : text[..maxLength])
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate)
            {
                quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                quoted.Append(c);
            }
        }

        return text.Length <= maxLength ? quoted.ToString() : quoted.Append('…').ToString();
    }
}
