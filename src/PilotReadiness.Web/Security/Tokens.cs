using System.Security.Cryptography;
using System.Text;

namespace PilotReadiness.Web.Security;

/// <summary>
/// Secrets handed out once (links in emails, ingestion keys): random, URL-safe, and kept only as a hash. One place
/// makes and hashes them all.
/// </summary>
public static class Tokens
{
    /// <summary>32 random bytes as URL-safe base64 (43 characters).</summary>
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The SHA-256 of a token, hex: what is stored and looked up.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
