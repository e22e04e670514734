// Marks one symbol-version requirement of an ELF64 little-endian shared library as weak
// (VER_FLG_WEAK in its .gnu.version_r auxiliary entry), so that the dynamic loader accepts
// a libstdc++ that lacks that version. Used by build/TorchSharp.targets; also compiled into
// the tests (with ATD_ELF_ONLY defined, which leaves out the MSBuild task). No dependencies beyond
// the BCL and MSBuild, because MSBuild compiles it as an inline task.
using System;
using System.IO;
using System.Text;
#if !ATD_ELF_ONLY
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
#endif

namespace AtdMonitor.Build;

/// <summary>The result of <see cref="ElfVersionNeedWeakener.Weaken"/>.</summary>
public enum ElfWeakenResult
{
    /// <summary>The requirement was strong and is now weak.</summary>
    Weakened,

    /// <summary>The requirement was already weak; the file is unchanged.</summary>
    AlreadyWeak,

    /// <summary>The library does not require that version; the file is unchanged.</summary>
    NotRequired,
}

/// <summary>Edits the version-needed table (<c>.gnu.version_r</c>) of an ELF64 shared library in place.</summary>
public static class ElfVersionNeedWeakener
{
    private const ushort VerFlagWeak = 0x2;
    private const uint SectionTypeVersionNeed = 0x6ffffffe;

    /// <summary>Marks the requirement on <paramref name="versionName"/> (e.g. GLIBCXX_3.4.32) as weak.</summary>
    /// <exception cref="InvalidDataException">The file is not an ELF64 little-endian object, or its tables are inconsistent.</exception>
    public static ElfWeakenResult Weaken(string path, string versionName)
    {
        var bytes = File.ReadAllBytes(path);
        var result = Weaken(bytes, versionName, path);
        if (result == ElfWeakenResult.Weakened)
        {
            File.WriteAllBytes(path, bytes);
        }

        return result;
    }

    /// <summary>Does the same as <see cref="Weaken(string, string)"/> on an image in memory.</summary>
    public static ElfWeakenResult Weaken(byte[] image, string versionName, string displayName)
    {
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
        {
            throw new InvalidDataException($"{displayName}: not an ELF file (bad magic at byte 0).");
        }

        if (image[4] != 2 || image[5] != 1)
        {
            throw new InvalidDataException($"{displayName}: only ELF64 little-endian is supported (class {image[4]}, data {image[5]} at byte 4).");
        }

        var sectionHeaderOffset = checked((int)ReadUInt64(image, 0x28, displayName));
        var sectionHeaderSize = ReadUInt16(image, 0x3A, displayName);
        var sectionCount = ReadUInt16(image, 0x3C, displayName);

        for (var i = 0; i < sectionCount; i++)
        {
            var header = sectionHeaderOffset + (i * sectionHeaderSize);
            if (ReadUInt32(image, header + 4, displayName) != SectionTypeVersionNeed)
            {
                continue;
            }

            var tableOffset = checked((int)ReadUInt64(image, header + 0x18, displayName));
            var stringSectionIndex = (int)ReadUInt32(image, header + 0x28, displayName);
            var entryCount = (int)ReadUInt32(image, header + 0x2C, displayName);
            var stringHeader = sectionHeaderOffset + (stringSectionIndex * sectionHeaderSize);
            var stringsOffset = checked((int)ReadUInt64(image, stringHeader + 0x18, displayName));
            return WeakenInTable(image, tableOffset, entryCount, stringsOffset, versionName, displayName);
        }

        return ElfWeakenResult.NotRequired;
    }

    private static ElfWeakenResult WeakenInTable(byte[] image, int tableOffset, int entryCount, int stringsOffset, string versionName, string displayName)
    {
        var need = tableOffset;
        for (var n = 0; n < entryCount; n++)
        {
            var auxCount = ReadUInt16(image, need + 2, displayName);
            var aux = need + (int)ReadUInt32(image, need + 8, displayName);
            for (var a = 0; a < auxCount; a++)
            {
                var name = ReadString(image, stringsOffset + (int)ReadUInt32(image, aux + 8, displayName), displayName);
                if (name == versionName)
                {
                    var flags = ReadUInt16(image, aux + 4, displayName);
                    if ((flags & VerFlagWeak) != 0)
                    {
                        return ElfWeakenResult.AlreadyWeak;
                    }

                    var weak = (ushort)(flags | VerFlagWeak);
                    image[aux + 4] = (byte)(weak & 0xff);
                    image[aux + 5] = (byte)(weak >> 8);
                    return ElfWeakenResult.Weakened;
                }

                aux += (int)ReadUInt32(image, aux + 12, displayName);
            }

            need += (int)ReadUInt32(image, need + 12, displayName);
        }

        return ElfWeakenResult.NotRequired;
    }

    private static void CheckRange(byte[] image, int offset, int length, string displayName)
    {
        if (offset < 0 || offset > image.Length - length)
        {
            throw new InvalidDataException($"{displayName}: truncated ELF image (needed {length} bytes at byte {offset}, file has {image.Length}).");
        }
    }

    private static ushort ReadUInt16(byte[] image, int offset, string displayName)
    {
        CheckRange(image, offset, 2, displayName);
        return BitConverter.ToUInt16(image, offset);
    }

    private static uint ReadUInt32(byte[] image, int offset, string displayName)
    {
        CheckRange(image, offset, 4, displayName);
        return BitConverter.ToUInt32(image, offset);
    }

    private static ulong ReadUInt64(byte[] image, int offset, string displayName)
    {
        CheckRange(image, offset, 8, displayName);
        return BitConverter.ToUInt64(image, offset);
    }

    private static string ReadString(byte[] image, int offset, string displayName)
    {
        CheckRange(image, offset, 1, displayName);
        var end = Array.IndexOf(image, (byte)0, offset);
        if (end < 0)
        {
            throw new InvalidDataException($"{displayName}: unterminated string at byte {offset}.");
        }

        return Encoding.ASCII.GetString(image, offset, end - offset);
    }
}

#if !ATD_ELF_ONLY
/// <summary>Weakens one ELF version requirement in each given file.</summary>
public sealed class AtdWeakenElfVersionNeed : Task
{
    /// <summary>The shared libraries to edit in place.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The version requirement to mark weak, e.g. GLIBCXX_3.4.32.</summary>
    [Required]
    public string VersionName { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        foreach (var file in Files)
        {
            try
            {
                var result = ElfVersionNeedWeakener.Weaken(file.ItemSpec, VersionName);
                Log.LogMessage(MessageImportance.Low, $"{file.ItemSpec}: {VersionName} {result}.");
            }
            catch (Exception ex) when (ex is IOException || ex is InvalidDataException || ex is UnauthorizedAccessException)
            {
                Log.LogError($"Could not weaken {VersionName} in {file.ItemSpec}: {ex.Message}");
            }
        }

        return !Log.HasLoggedErrors;
    }
}
#endif
