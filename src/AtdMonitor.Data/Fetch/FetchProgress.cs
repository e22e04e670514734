namespace AtdMonitor.Data.Fetch;

/// <summary>Progress of one file's download.</summary>
/// <param name="File">The file name.</param>
/// <param name="Bytes">Bytes on disk so far (a resumed download starts above 0).</param>
/// <param name="TotalBytes">The file's size when the server says it, else null.</param>
/// <param name="Done">True once the file is verified in place.</param>
public readonly record struct FetchProgress(string File, long Bytes, long? TotalBytes, bool Done);
