namespace AtdMonitor.Data.Wfdb;

/// <summary>The standard WFDB annotation codes (<c>ecgcodes.h</c>): mnemonics and which ones are beats.</summary>
public static class WfdbAnnotationCodes
{
    public const int Skip = 59, Num = 60, Sub = 61, Chn = 62, Aux = 63;

    private static readonly string[] Symbols =
    [
        " ", "N", "L", "R", "a", "V", "F", "J", "A", "S", "E", "j", "/", "Q", "~", "[15]", "|", "[17]", "s", "T", "*", "D", "\"", "=", "p", "B",
        "^", "t", "+", "u", "?", "!", "[", "]", "e", "n", "@", "x", "f", "(", ")", "r",
    ];

    // N L R a V F J A S E j / Q, B, ?, e n, f, r (WFDB isqrs).
    private static readonly HashSet<int> BeatCodes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 34, 35, 38, 41];

    /// <summary>The mnemonic of <paramref name="code"/>, or "[code]" when it has none.</summary>
    public static string SymbolOf(int code) => code >= 0 && code < Symbols.Length ? Symbols[code] : $"[{code}]";

    /// <summary>Whether <paramref name="code"/> labels a beat.</summary>
    public static bool IsBeat(int code) => BeatCodes.Contains(code);
}
