package org.gatehouse.core.internal;

import org.gatehouse.core.internal.access.PassageServiceImpl;
import org.gatehouse.core.internal.alarm.AlarmServiceImpl;
import org.gatehouse.core.internal.audit.AuditServiceImpl;
import org.gatehouse.core.internal.demo.DemoData;
import org.gatehouse.core.internal.demo.DemoRoster;
import org.gatehouse.core.internal.duty.DutyServiceImpl;
import org.gatehouse.core.internal.face.FaceServiceImpl;
import org.gatehouse.core.internal.notice.NoticeServiceImpl;
import org.gatehouse.core.internal.outbox.ChannelDirectory;
import org.gatehouse.core.internal.outbox.OutboxServiceImpl;
import org.gatehouse.core.internal.person.PersonServiceImpl;
import org.gatehouse.core.internal.site.DeviceManager;
import org.gatehouse.core.internal.site.SiteServiceImpl;
import org.gatehouse.core.internal.spine.EventServiceImpl;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.internal.store.Migrations;
import org.gatehouse.core.internal.template.TemplateServiceImpl;

import javax.sql.DataSource;

/**
 * The core services built on one DataSource, without OSGi: the OSGi component, the tests and the benchmarks all
 * assemble the platform through this class.
 */
public final class Platform {
    public final Db db;
    public final AuditServiceImpl audit;
    public final SiteServiceImpl sites;
    public final EventServiceImpl events;
    public final AlarmServiceImpl alarms;
    public final OutboxServiceImpl outbox;
    public final DeviceManager devices;
    public final PersonServiceImpl persons;
    public final FaceServiceImpl faces;
    public final TemplateServiceImpl templates;
    public final DutyServiceImpl duty;
    public final NoticeServiceImpl notices;
    public final PassageServiceImpl passages;
    public final int schemaVersion;

    /** Settings of the core, as in etc/org.gatehouse.core.cfg. */
    public record Settings(boolean demoData, long escalationAfterMs, int escalationMaxLevel, long retryInitialMs,
                           long retryMaxMs, long maxAgeMs, int spineQueueCapacity, long waitForSubscribersMs,
                           int dispatchThreads) {
        public static Settings defaults() {
            return new Settings(false, 5 * 60_000L, 3, 2_000, 300_000, 24 * 3_600_000L, 10_000, 0, 4);
        }
    }

    public Platform(DataSource dataSource, Publisher publisher, ChannelDirectory channels, Settings s) {
        db = new Db(dataSource);
        schemaVersion = Migrations.migrate(db);
        audit = new AuditServiceImpl(db);
        sites = new SiteServiceImpl(db, audit);
        persons = new PersonServiceImpl(db, audit, sites);
        faces = new FaceServiceImpl(db, audit, persons);
        persons.onDelete(faces::personDeleted);
        boolean demoCreated = s.demoData() && DemoData.seedIfEmpty(sites, persons);
        events = new EventServiceImpl(db, sites, publisher, s.spineQueueCapacity(), s.waitForSubscribersMs(),
                s.dispatchThreads());
        alarms = new AlarmServiceImpl(db, audit, publisher, s.escalationAfterMs(), s.escalationMaxLevel());
        outbox = new OutboxServiceImpl(db, channels, s.retryInitialMs(), s.retryMaxMs(), s.maxAgeMs());
        devices = new DeviceManager(sites, events, audit);
        templates = new TemplateServiceImpl(db, audit);
        duty = new DutyServiceImpl(db, audit, sites, persons);
        notices = new NoticeServiceImpl(db, audit, sites, templates, outbox);
        passages = new PassageServiceImpl(db, audit, sites, faces, events, persons);
        if (demoCreated) {
            DemoRoster.seed(persons, duty);
        }
    }

    public void start() {
        events.start();
        outbox.start();
        notices.start();
        passages.republishMissingEvents();
    }

    public void stop() {
        devices.removeAll();
        notices.stop();
        outbox.stop();
        events.stop();
        faces.stop();
    }
}
