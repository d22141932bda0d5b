namespace Lyg.Hub.Importing;

/// <summary>
/// An import file that cannot be read at all (missing, of an unknown kind, malformed, or in a projected coordinate
/// system), as opposed to records that fail validation. The message names the file and says what to do.
/// </summary>
public sealed class ImportFileException : Exception
{
    public ImportFileException(string message)
        : base(message)
    {
    }

    public ImportFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ImportFileException()
    {
    }
}
