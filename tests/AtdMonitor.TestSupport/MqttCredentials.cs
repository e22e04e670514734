namespace AtdMonitor.TestSupport;

/// <summary>A user name and password for the broker's password file.</summary>
public readonly record struct MqttCredentials(string UserName, string Password)
{
    /// <summary>A user with a random 32-character password.</summary>
    public static MqttCredentials Random(string userName) => new(userName, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
}
