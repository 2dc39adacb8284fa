using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;

namespace Protokol.Storage;

public sealed class ProtokolDb(DbContextOptions<ProtokolDb> options) : DbContext(options)
{
    public DbSet<Body> Bodies => Set<Body>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<AgendaItem> Items => Set<AgendaItem>();
    public DbSet<ItemSection> Sections => Set<ItemSection>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => Configure(modelBuilder);

    static void Configure(ModelBuilder b)
    {
        b.Entity<Body>(e =>
        {
            e.HasIndex(x => x.Slug).IsUnique();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        });
        b.Entity<Person>().HasIndex(x => x.Slug).IsUnique();
        b.Entity<Membership>(e =>
        {
            e.HasIndex(x => new { x.BodyId, x.PersonId }).IsUnique();
            e.HasOne(x => x.Body).WithMany(x => x.Memberships).HasForeignKey(x => x.BodyId);
            e.HasOne(x => x.Person).WithMany(x => x.Memberships).HasForeignKey(x => x.PersonId);
        });
        b.Entity<Meeting>(e =>
        {
            e.HasIndex(x => x.SourceKey).IsUnique();
            e.HasIndex(x => x.StartsAt);
            e.Property(x => x.Stage).HasConversion<string>().HasMaxLength(16);
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
        b.Entity<AgendaItem>(e =>
        {
            e.HasIndex(x => x.CaseNumber);
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
            e.Ignore(x => x.Label);
        });
        b.Entity<ItemAbsentee>().HasIndex(x => x.PersonId);
    }
}
