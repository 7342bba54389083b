using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Live;

/// <summary>Makes ingestion keys: <c>prk_</c> and 43 random characters; the first few are kept to tell keys apart.</summary>
public static class IngestionKeys
{
    public static string New() => IngestionKey.Marker + Tokens.New();

    public static string Prefix(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key[..Math.Min(key.Length, IngestionKey.PrefixLength)];
    }
}
