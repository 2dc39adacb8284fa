using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;

namespace Protokol.Storage;

/// <summary>
/// The one store: meetings, accounts (ASP.NET Core Identity), the audit trail, the access log and the data-protection
/// keys every web node shares. This type is the SQLite store with its migrations; <see cref="PostgresProtokolDb"/> is
/// the same model on PostgreSQL with its own.
/// </summary>
public class ProtokolDb(DbContextOptions<ProtokolDb> options, TimeProvider? clock = null)
    : IdentityUserContext<Account, int>(options), IDataProtectionKeyContext
{
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;
    /// <summary>Who the audit trail names for changes saved through this context.</summary>
    public string Actor { get; set; } = "system";
    /// <summary>Set while an import saves meetings: the trail then names each meeting's file instead of every section.</summary>
    public bool Importing { get; set; }

    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<PasswordLink> PasswordLinks => Set<PasswordLink>();
    public DbSet<AuditEntry> AuditTrail => Set<AuditEntry>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Signing.Approval> Approvals => Set<Signing.Approval>();

    public DbSet<Body> Bodies => Set<Body>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<AgendaItem> Items => Set<AgendaItem>();
    public DbSet<ItemSection> Sections => Set<ItemSection>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<StoredFile> Files => Set<StoredFile>();
    public DbSet<AgendaReview> Reviews => Set<AgendaReview>();
    public DbSet<WaitingCase> WaitingCases => Set<WaitingCase>();
    public DbSet<Mail.OutboundMail> Outbox => Set<Mail.OutboundMail>();
    public DbSet<Mail.Subscription> Subscriptions => Set<Mail.Subscription>();
    public DbSet<Search.ContentChange> ContentChanges => Set<Search.ContentChange>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        Configure(builder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Every save writes its audit rows, and a change row for each meeting or item whose searchable content it
    /// changes, in the same transaction: all land, or none.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await FinalMinutes.GuardAsync(this, cancellationToken);
        var pending = Audit.Collect(ChangeTracker, Importing);
        var content = Search.ContentChange.Collect(ChangeTracker);
        if (pending.Count == 0 && content.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var at = Clock.GetUtcNow().UtcDateTime;
        AuditTrail.AddRange(pending.Select(p => Audit.Complete(p, Actor, at)));
        ContentChanges.AddRange(Search.ContentChange.Complete(content));
        await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (own is not null) await own.CommitAsync(cancellationToken);
        return saved;
    }

    internal static void Configure(ModelBuilder b)
    {
        b.Entity<Body>(e =>
        {
            e.HasIndex(x => x.Slug).IsUnique();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        });
        b.Entity<Person>().HasIndex(x => x.Slug).IsUnique();
        b.Entity<Membership>(e =>
        {
            // Several seats of one person in one body over the years (left, came back; a new role): never overlapping, checked by the roster operations.
            e.HasIndex(x => new { x.BodyId, x.PersonId });
            e.HasOne(x => x.Body).WithMany(x => x.Memberships).HasForeignKey(x => x.BodyId);
            e.HasOne(x => x.Person).WithMany(x => x.Memberships).HasForeignKey(x => x.PersonId);
        });
        b.Entity<Meeting>(e =>
        {
            e.HasIndex(x => x.SourceKey).IsUnique();
            e.HasIndex(x => x.StartsAt);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(24);
            e.HasIndex(x => x.State);
            e.Ignore(x => x.Stage);
            e.Property(x => x.TocStyle).HasConversion<string>().HasMaxLength(16);
            e.HasMany(x => x.Bodies).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Participants).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Toc).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Items).WithOne(x => x.Meeting).HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MeetingBody>(e =>
        {
            e.HasKey(x => new { x.MeetingId, x.BodyId });
            e.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId);
        });
        b.Entity<Participant>().HasIndex(x => x.PersonId);
        b.Entity<Case>().HasIndex(x => x.Key).IsUnique();
        b.Entity<AgendaItem>(e =>
        {
            e.HasIndex(x => x.CaseNumber);
            e.HasOne(x => x.Case).WithMany(x => x.Items).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Sections).WithOne().HasForeignKey(x => x.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Absentees).WithOne().HasForeignKey(x => x.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(x => x.Decisions);
            e.Ignore(x => x.OrderedSections);
        });
        b.Entity<ItemSection>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.Label);
        });
        b.Entity<ItemAbsentee>().HasIndex(x => x.PersonId);
        b.Entity<StoredFile>(e =>
        {
            e.HasKey(x => x.Sha256);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.TextState).HasConversion<string>().HasMaxLength(16);
        });
        b.Entity<Attachment>().HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileSha256).OnDelete(DeleteBehavior.Restrict);
        b.Entity<Attachment>().Ignore(x => x.Href);
        b.Entity<AgendaReview>(e =>
        {
            e.HasIndex(x => new { x.AccountId, x.MeetingId });
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<WaitingCase>(e =>
        {
            e.HasIndex(x => new { x.BodyId, x.CaseNumber }).IsUnique();
            e.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Mail.OutboundMail>(e =>
        {
            e.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
            e.HasIndex(x => x.MeetingId);
        });
        b.Entity<Mail.Subscription>(e =>
        {
            e.HasIndex(x => x.Token).IsUnique();
            e.HasIndex(x => new { x.Email, x.BodyId, x.CaseId });
            e.HasIndex(x => x.BodyId);
            e.HasIndex(x => x.CaseId);
            e.HasOne<Body>().WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Meeting>().HasIndex(x => new { x.State, x.NextReminderAt });

        b.Entity<Account>(e =>
        {
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
            e.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.SecretaryOf).WithOne().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SecretaryBody>(e =>
        {
            e.HasKey(x => new { x.AccountId, x.BodyId });
            e.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId);
        });
        b.Entity<PasswordLink>().HasIndex(x => x.TokenHash).IsUnique();
        b.Entity<Signing.Approval>(e =>
        {
            e.HasIndex(x => new { x.MeetingId, x.ParticipantId }).IsUnique();
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Meeting>().HasIndex(x => x.ContentHash);
        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(x => x.ItemId);
            e.HasIndex(x => x.MeetingId);
            e.HasIndex(x => x.At);
        });
        b.Entity<Search.ContentChange>(e =>
        {
            e.HasKey(x => x.Sequence);
            // AUTOINCREMENT: a sequence is never handed out twice, even after the newest rows are deleted.
            e.Property(x => x.Sequence).HasAnnotation("Sqlite:Autoincrement", true);
        });
        b.Entity<AccessLogEntry>(e =>
        {
            e.Property(x => x.Way).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => x.At);
            e.HasIndex(x => x.ItemId);
        });
    }
}
