namespace PilotReadiness.Web.EvidenceFiles;

/// <summary>
/// The bytes of one file of evidence (table <c>EvidenceFiles</c>). Mapped only so that the migrations create the table
/// and its key; never loaded or saved through EF Core, which would hold <see cref="Content"/> whole in memory:
/// <see cref="EvidenceStore"/> streams it in and out (ADR 0014).
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }

    public byte[] Content { get; set; } = [];
}
