using AtdMonitor.Build;

namespace AtdMonitor.Model.Tests;

public sealed class ElfVersionNeedWeakenerTests
{
    private const string Version = "GLIBCXX_3.4.32";

    [Fact]
    public void The_packaged_library_gets_its_requirement_weakened_once_and_then_is_left_alone()
    {
        var original = FindPackagedLibrary();
        var copy = Path.GetTempFileName();
        try
        {
            File.Copy(original, copy, overwrite: true);
            var before = File.ReadAllBytes(copy);

            Assert.Equal(ElfWeakenResult.Weakened, ElfVersionNeedWeakener.Weaken(copy, Version));
            var once = File.ReadAllBytes(copy);
            Assert.Equal(ElfWeakenResult.AlreadyWeak, ElfVersionNeedWeakener.Weaken(copy, Version));
            var twice = File.ReadAllBytes(copy);

            Assert.Equal(before.Length, once.Length);
            Assert.Single(Enumerable.Range(0, before.Length), i => before[i] != once[i]);
            Assert.Equal(once, twice);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void The_library_in_the_build_output_is_already_weak()
    {
        var built = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).First();
        Assert.Equal(ElfWeakenResult.AlreadyWeak, ElfVersionNeedWeakener.Weaken(File.ReadAllBytes(built), Version, built));
    }

    [Fact]
    public void A_version_the_library_does_not_need_changes_nothing()
    {
        var image = File.ReadAllBytes(FindPackagedLibrary());
        var copy = (byte[])image.Clone();
        Assert.Equal(ElfWeakenResult.NotRequired, ElfVersionNeedWeakener.Weaken(copy, "GLIBCXX_99.0", "copy"));
        Assert.Equal(image, copy);
    }

    [Fact]
    public void A_file_that_is_not_elf_is_refused_with_its_name()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionNeedWeakener.Weaken(new byte[100], Version, "junk.so"));
        Assert.Contains("junk.so", ex.Message, StringComparison.Ordinal);
    }

    private static string FindPackagedLibrary()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }
}
