namespace Lyg.Import;

/// <summary>The command table: a new command is one file and one line here.</summary>
internal static class Commands
{
    public static IReadOnlyList<ICommand> All { get; } =
    [
        new PlacesCommand(),
        new ComponentsCommand(),
        new VehiclesCommand(),
        new CamerasCommand(),
        new AdvertisementsCommand(),
        new SensorsCommand(),
        new SamplePlacesCommand(),
        new SampleComponentsCommand(),
        new SampleSensorsCommand(),
        new SignCommand(),
        new ReplayCommand(),
    ];
}
