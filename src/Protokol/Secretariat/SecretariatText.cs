using Protokol.Meetings;

namespace Protokol.Secretariat;

/// <summary>The staff pages' Danish words for the workflow.</summary>
public static class SecretariatText
{
    public static string State(MeetingState state) => state switch
    {
        MeetingState.Planned => "Planlagt – dagsorden under udarbejdelse",
        MeetingState.AgendaPublished => "Dagsorden offentliggjort",
        MeetingState.Held => "Afholdt – referat under udarbejdelse",
        MeetingState.MinutesApproved => "Referat godkendt",
        _ => "Referat offentliggjort",
    };

    public static string Finding(Checks.FindingKind kind) => kind switch
    {
        Checks.FindingKind.Cpr => "Muligt CPR-nummer",
        Checks.FindingKind.NeedsLook => "Skal ses igennem",
        Checks.FindingKind.Budget => "Tabel",
        _ => "Fravær",
    };
}
