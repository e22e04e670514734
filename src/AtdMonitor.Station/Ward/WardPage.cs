namespace AtdMonitor.Station.Ward;

/// <summary>One page of the ward: alarming beds first (most urgent, newest), then by id.</summary>
/// <param name="Total">Beds matching the filter.</param>
/// <param name="Page">Zero-based page index (clamped to the last page).</param>
/// <param name="Size">Beds per page.</param>
/// <param name="Beds">The tiles of this page.</param>
public sealed record WardPage(int Total, int Page, int Size, IReadOnlyList<BedTile> Beds);
