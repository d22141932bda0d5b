using Lyg.Contracts;

namespace Lyg.Orchestrations.Codes;

/// <summary>One category (小类) of a scheme with its major class (大类).</summary>
public sealed record CodeEntry(string Scheme, CodeKind Kind, string Code, string Name, string MajorCode, string MajorName, CodeConfidence Confidence)
{
    public bool IsProvisional => Confidence == CodeConfidence.Provisional;
}
