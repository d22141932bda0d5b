using Lyg.Contracts;

namespace Lyg.Hub.Features.Components;

/// <summary>
/// How to read and check one component file: the coordinate system its points are in, how far (in metres) a point may
/// lie outside the grid its BGID names and still belong to it (survey points digitised on a grid's edge), whether
/// to stop after validation, and how many components are written at a time (what memory holds of the file).
/// </summary>
public sealed record ComponentImportOptions(
    CoordinateSystem Crs,
    double EdgeToleranceMetres = ComponentImportOptions.DefaultEdgeToleranceMetres,
    bool DryRun = false,
    int SliceSize = ComponentImportOptions.DefaultSliceSize)
{
    public const double DefaultEdgeToleranceMetres = 1.0;

    /// <summary>Enough for full 100-row transactions in most grids; a few MB in memory.</summary>
    public const int DefaultSliceSize = 5_000;

    /// <summary>Larger tolerances would let a point stray into a neighbouring grid without notice.</summary>
    public const double MaxEdgeToleranceMetres = 50.0;
}
