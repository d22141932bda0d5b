using System.Globalization;

namespace Lyg.LoadHarness;

/// <summary>The modes' command lines: numbers by position, and the flag that keeps Azurite's data in memory.</summary>
internal sealed class HarnessArguments
{
    /// <summary>Keeps Azurite's data in memory, to tell its disk writer (an emulator's bottleneck Azure Storage does not have) apart from the rest of its work.</summary>
    public const string AzuriteInMemoryFlag = "--azurite-in-memory";

    private readonly string[] _numbers;

    public HarnessArguments(string[] args)
    {
        AzuriteInMemory = args.Contains(AzuriteInMemoryFlag);
        _numbers = [.. args.Where(a => a != AzuriteInMemoryFlag)];
    }

    public bool AzuriteInMemory { get; }

    public int At(int index, int fallback) => _numbers.Length > index ? int.Parse(_numbers[index], CultureInfo.InvariantCulture) : fallback;
}
