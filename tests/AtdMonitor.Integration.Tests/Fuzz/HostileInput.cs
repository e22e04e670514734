namespace AtdMonitor.Integration.Tests.Fuzz;

/// <summary>One malformed or hostile message: where it is published, what it carries, and which family of attack it belongs to.</summary>
public sealed record HostileInput(string Topic, byte[] Payload, string Category)
{
    public override string ToString() => $"{Category}: {Topic} ({Payload.Length} bytes)";
}
