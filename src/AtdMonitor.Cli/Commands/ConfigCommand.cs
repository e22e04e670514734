using System.CommandLine;
using System.Reflection;
using AtdMonitor.Streaming.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd config check</c>: binds appsettings files (layered in order, as the worker layers its sources) to the
/// worker's options classes as <c>atd run</c> does, without starting anything: unknown keys, values of the wrong type
/// and invalid values are reported one per line, and with <c>--complete</c> every setting the options classes have
/// must be written out. deploy/check.sh runs it over every appsettings copy and environment block of deploy/.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "appsettings JSON files, later ones overriding earlier ones.", Arity = ArgumentArity.OneOrMore };
        var complete = new Option<bool>("--complete") { Description = "Also require every setting of every section to be present (the shipped appsettings.json and the Kubernetes ConfigMap)." };
        var check = new Command("check", "Checks appsettings files against the worker's options: unknown keys, wrong types, invalid values; exit code 2 on any problem.")
        {
            files,
            complete,
        };
        check.SetAction(async parseResult =>
        {
            var paths = parseResult.GetValue(files)!;
            foreach (var path in paths.Where(p => !File.Exists(p)))
            {
                await Console.Error.WriteLineAsync($"atd config check: {path} does not exist.");
                return 2;
            }

            var problems = Check(paths, parseResult.GetValue(complete));
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"atd config check: {string.Join(" + ", paths)}: {problem}");
            }

            if (problems.Count == 0)
            {
                await Console.Out.WriteLineAsync($"{string.Join(" + ", paths)}: valid{(parseResult.GetValue(complete) ? ", every setting present" : string.Empty)}.");
            }

            return problems.Count == 0 ? 0 : 2;
        });
        return new Command("config", "Checks worker configuration files.") { check };
    }

    /// <summary>Every problem of the layered <paramref name="paths"/>, one line each.</summary>
    public static IReadOnlyList<string> Check(IEnumerable<string> paths, bool complete)
    {
        var builder = new ConfigurationBuilder();
        foreach (var path in paths)
        {
            builder.AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false);
        }

        var configuration = builder.Build();
        var services = new ServiceCollection().AddAtdOptions(configuration);
        var optionTypes = services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Distinct()
            .ToList();
        using var provider = services.BuildServiceProvider();
        var problems = new List<string>();
        foreach (var type in optionTypes)
        {
            try
            {
                var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
                _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is OptionsValidationException invalid)
            {
                problems.AddRange(invalid.Failures);
            }

            if (complete && type.GetField("SectionName")?.GetValue(null) is string section)
            {
                problems.AddRange(StrictOptionsBinding.SettingKeys(type, section)
                    .Where(key => !configuration.GetSection(key).Exists())
                    .Select(key => $"{key} is missing (every setting must be written out)."));
            }
        }

        return problems;
    }
}
