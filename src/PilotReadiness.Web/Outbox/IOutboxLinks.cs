namespace PilotReadiness.Web.Outbox;

/// <summary>
/// Makes, just before a message is sent, a secret link its body leaves as a placeholder, so that no secret is ever
/// stored in the outbox. Each implementation fills the kinds it knows and returns the bodies of any other unchanged.
/// </summary>
public interface IOutboxLinks
{
    /// <summary>The bodies to send: <paramref name="text"/> and <paramref name="html"/> with their placeholders filled.</summary>
    Task<(string Text, string Html)> FillAsync(OutboxMessage message, string text, string html, CancellationToken cancellationToken);
}
