using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>
/// Binds an options section so that a mistake in it is an <see cref="OptionsValidationException"/> naming the key, like
/// any other invalid value: a key the options class does not have (a typo would otherwise be silently ignored) and a
/// value the binder cannot convert (<c>Pipeline:QueueCapacity=abc</c>, otherwise an <see cref="InvalidOperationException"/>
/// with a stack trace).
/// </summary>
public static class StrictOptionsBinding
{
    /// <param name="builder">The options to bind.</param>
    /// <param name="configuration">The whole configuration.</param>
    /// <param name="sectionName">The section the options class reads.</param>
    /// <param name="nestedSections">Sections inside this one that another options class reads (<c>Influx:Buffer</c> in <c>Influx</c>).</param>
    public static OptionsBuilder<TOptions> BindStrictly<TOptions>(this OptionsBuilder<TOptions> builder, IConfiguration configuration, string sectionName, params string[] nestedSections)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.Configure(options =>
        {
            var section = configuration.GetSection(sectionName);
            var problems = UnknownKeys(section, typeof(TOptions))
                .Where(key => !nestedSections.Any(nested => key.Equals(nested, StringComparison.OrdinalIgnoreCase)
                    || key.StartsWith(nested + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)))
                .Select(key => $"{key} is not a setting (unknown key in section {sectionName}).").ToList();
            if (problems.Count == 0)
            {
                try
                {
                    section.Bind(options);
                }
                catch (InvalidOperationException ex)
                {
                    // The binder's message names the key and the value: "Failed to convert configuration value 'abc' at 'Pipeline:QueueCapacity' to type 'System.Int32'."
                    problems.Add(ex.Message);
                }
            }

            if (problems.Count > 0)
            {
                throw new OptionsValidationException(sectionName, typeof(TOptions), problems);
            }
        });
    }

    /// <summary>The full paths of the keys under <paramref name="section"/> that no property of <paramref name="type"/> takes.</summary>
    public static IEnumerable<string> UnknownKeys(IConfigurationSection section, Type type)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(type);
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || (!property.CanWrite && !IsCollection(property.PropertyType)))
            {
                yield return child.Path;
                continue;
            }

            foreach (var key in UnknownKeysOfValue(child, property.PropertyType))
            {
                yield return key;
            }
        }
    }

    /// <summary>
    /// The full paths of every setting of <paramref name="type"/> under <paramref name="prefix"/>: its settable
    /// properties, nested objects expanded; a dictionary or list is one setting (its entries are free). An optional
    /// setting (a nullable value, whose absence means a default taken from other settings, such as a clear vote's
    /// <c>ClearK</c>) is not one: writing it out would pin that default.
    /// </summary>
    public static IEnumerable<string> SettingKeys(Type type, string prefix)
    {
        ArgumentNullException.ThrowIfNull(type);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var path = ConfigurationPath.Combine(prefix, property.Name);
            if (IsCollection(property.PropertyType))
            {
                yield return path;
            }
            else if (!property.CanWrite || Nullable.GetUnderlyingType(property.PropertyType) is not null)
            {
                continue;
            }
            else if (IsComplex(property.PropertyType))
            {
                foreach (var key in SettingKeys(property.PropertyType, path))
                {
                    yield return key;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static IEnumerable<string> UnknownKeysOfValue(IConfigurationSection section, Type type)
    {
        if (ElementType(type) is { } element)
        {
            // Dictionary entries and list items: any key is an entry; what is inside each must fit the element type.
            return section.GetChildren().SelectMany(entry => IsComplex(element) ? UnknownKeys(entry, element) : []);
        }

        return IsComplex(type) ? UnknownKeys(section, type) : [];
    }

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static bool IsComplex(Type type) => type.IsClass && type != typeof(string) && !IsCollection(type);

    private static Type? ElementType(Type type)
    {
        if (!IsCollection(type))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var dictionary = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            return dictionary.GetGenericArguments()[1];
        }

        var enumerable = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] ?? typeof(object);
    }
}
