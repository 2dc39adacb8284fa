using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Protokol.Tests.Mail;

/// <summary>A real SMTP server on loopback (the SmtpServer package): what the app sends arrives here, parsed with MimeKit.</summary>
public sealed class SmtpSink : IDisposable
{
    readonly CancellationTokenSource stop = new();
    public ConcurrentQueue<MimeMessage> Received { get; } = new();
    public int Port { get; }

    public SmtpSink()
    {
        // A free port, taken from the system and handed straight to the server.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(new Store(this));
        _ = new SmtpServer.SmtpServer(options, provider).StartAsync(stop.Token);
    }

    /// <summary>The messages to one address, in the order they arrived.</summary>
    public List<MimeMessage> To(string address) =>
        Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Stops listening; the token is left to the server's own shutdown, which still reads it.</summary>
    public void Dispose() => stop.Cancel();

    sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            sink.Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
