namespace Lyg.Hub.Api;

/// <summary>
/// Input found unusable only where it is used (a continuation token the table refuses): the gate answers it as the
/// 400 validation problem naming <see cref="Field"/>, as if the handler had checked it up front.
/// </summary>
public sealed class InputRejectedException(string field, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public string Field { get; } = field;
}
