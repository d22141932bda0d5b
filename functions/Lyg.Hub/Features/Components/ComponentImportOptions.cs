using Lyg.Contracts;

namespace Lyg.Hub.Features.Components;

/// <summary>
/// How to read and check one component file: the coordinate system its points are in, how far (in metres) a point may
/// lie outside the grid its BGID names and still belong to it (survey points digitised on a grid's edge), and whether
/// to stop after validation.
/// </summary>
public sealed record ComponentImportOptions(CoordinateSystem Crs, double EdgeToleranceMetres = ComponentImportOptions.DefaultEdgeToleranceMetres, bool DryRun = false)
{
    public const double DefaultEdgeToleranceMetres = 1.0;

    /// <summary>Larger tolerances would let a point stray into a neighbouring grid without notice.</summary>
    public const double MaxEdgeToleranceMetres = 50.0;
}
