using Lyg.Hub.Features.Calendar;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyg.Hub;

public static class CalendarServiceCollectionExtensions
{
    /// <summary>
    /// The working calendar and time-limit rules the stage clocks read: the built-in or configured calendar until the
    /// refresher has read the years loaded into storage, and re-planning when a year changes.
    /// </summary>
    public static IServiceCollection AddCalendar(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CalendarOptions>().Bind(configuration.GetSection(CalendarOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => LoadCalendar(sp.GetRequiredService<IOptions<CalendarOptions>>().Value.File));
        services.AddSingleton(sp => new CalendarInForce(WorkingCalendar.FromData(sp.GetRequiredService<ConfiguredCalendar>().Data)));
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<CalendarRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<CalendarRefresher>());
        services.AddSingleton<ReplanStages>();
        services.AddSingleton(sp => LoadRules(sp.GetRequiredService<IOptions<Workflow.CaseWorkflowOptions>>().Value.TimeLimitRulesFile));
        services.AddSingleton<StageClocks>();
        return services;
    }

    /// <summary>The configured time-limit table, or the built-in one.</summary>
    private static TimeLimitRules LoadRules(string? file) =>
        string.IsNullOrWhiteSpace(file)
            ? TimeLimitRules.LoadDefault()
            : TimeLimitRules.FromData(ConfiguredFile.Read(file, TimeDataJsonContext.Default.TimeLimitRuleData));

    /// <summary>The built-in calendar with the configured file's working hours and years over it.</summary>
    private static ConfiguredCalendar LoadCalendar(string? file) =>
        ConfiguredCalendar.From(
            WorkingCalendar.BuiltInData,
            string.IsNullOrWhiteSpace(file) ? null : ConfiguredFile.Read(file, TimeDataJsonContext.Default.CalendarData));
}
