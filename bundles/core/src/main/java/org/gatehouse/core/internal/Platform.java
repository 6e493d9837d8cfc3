package org.gatehouse.core.internal;

import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.gatehouse.api.access.AttendanceService;
import org.gatehouse.api.access.LeavePassService;
import org.gatehouse.api.access.PassageService;
import org.gatehouse.api.access.RosterService;
import org.gatehouse.api.danger.DangerZoneService;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.perimeter.ArmingService;
import org.gatehouse.api.service.AccountService;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.AuditService;
import org.gatehouse.api.service.DeviceControl;
import org.gatehouse.api.service.DutyService;
import org.gatehouse.api.service.EventService;
import org.gatehouse.api.service.HealthService;
import org.gatehouse.api.service.HealthService.PluginInfo;
import org.gatehouse.api.service.MessageService;
import org.gatehouse.api.service.NoticeService;
import org.gatehouse.api.service.OutboxService;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.api.service.SignedLinks;
import org.gatehouse.api.service.SiteService;
import org.gatehouse.api.service.TemplateService;
import org.gatehouse.api.watchlist.WatchlistService;
import org.gatehouse.api.stranger.StrangerService;
import org.gatehouse.api.visitor.VisitService;
import org.gatehouse.core.internal.access.PassageServiceImpl;
import org.gatehouse.core.internal.access.roster.RosterServiceImpl;
import org.gatehouse.core.internal.access.PassageTimes;
import org.gatehouse.core.internal.account.AccountServiceImpl;
import org.gatehouse.core.internal.alarm.AlarmServiceImpl;
import org.gatehouse.core.internal.attendance.AttendanceServiceImpl;
import org.gatehouse.core.internal.audit.AuditServiceImpl;
import org.gatehouse.core.internal.danger.DangerZoneServiceImpl;
import org.gatehouse.core.internal.duty.DutyServiceImpl;
import org.gatehouse.core.internal.face.FaceServiceImpl;
import org.gatehouse.core.internal.health.HealthServiceImpl;
import org.gatehouse.core.internal.leave.LeavePassServiceImpl;
import org.gatehouse.core.internal.link.SignedLinksImpl;
import org.gatehouse.core.internal.message.MessageServiceImpl;
import org.gatehouse.core.internal.notice.NoticeServiceImpl;
import org.gatehouse.core.internal.outbox.ChannelDirectory;
import org.gatehouse.core.internal.outbox.OutboxServiceImpl;
import org.gatehouse.core.internal.perimeter.ArmingServiceImpl;
import org.gatehouse.core.internal.person.PersonServiceImpl;
import org.gatehouse.core.internal.site.DeviceManager;
import org.gatehouse.core.internal.site.SiteServiceImpl;
import org.gatehouse.core.internal.spine.EventServiceImpl;
import org.gatehouse.core.internal.store.Db;
import org.gatehouse.core.internal.schedule.DayWindows;
import org.gatehouse.core.internal.store.Migrations;
import org.gatehouse.core.internal.stranger.StrangerServiceImpl;
import org.gatehouse.core.internal.template.TemplateServiceImpl;
import org.gatehouse.core.internal.watchlist.WatchlistServiceImpl;
import org.gatehouse.core.internal.visitor.VisitServiceImpl;

/**
 * The composition root: the core services built on one DataSource, without OSGi. The OSGi component, the tests and
 * the benchmarks all assemble the platform through this class, and {@link #services()} is the one list of what the
 * core offers: a new service is one line there (and its capability is declared on its class).
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
    public final MessageServiceImpl messages;
    public final NoticeServiceImpl notices;
    public final PassageServiceImpl passages;
    public final RosterServiceImpl roster;
    public final AttendanceServiceImpl attendance;
    public final AccountServiceImpl accounts;
    public final LeavePassServiceImpl leavePasses;
    public final SignedLinksImpl links;
    public final VisitServiceImpl visits;
    public final HealthServiceImpl health;
    public final WatchlistServiceImpl watchlist;
    public final StrangerServiceImpl strangers;
    public final DangerZoneServiceImpl dangerZones;
    public final ArmingServiceImpl arming;
    public final int schemaVersion;
    private volatile Supplier<List<PluginInfo>> otherPlugins = List::of;
    /** Screens the pictures of terminal events (watchlist, stranger rules) after they are recorded. */
    private final java.util.concurrent.ThreadPoolExecutor screening = new java.util.concurrent.ThreadPoolExecutor(1, 1,
            0, java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.ArrayBlockingQueue<>(1_000), r -> {
                Thread t = new Thread(r, "gatehouse-screening");
                t.setDaemon(true);
                return t;
            });

    /** Settings of the core, as in etc/org.gatehouse.core.cfg. */
    public record Settings(long escalationAfterMs, int escalationMaxLevel, long retryInitialMs, long retryMaxMs,
                           long maxAgeMs, int spineQueueCapacity, long waitForSubscribersMs, int dispatchThreads) {
        public static Settings defaults() {
            return new Settings(5 * 60_000L, 3, 2_000, 300_000, 24 * 3_600_000L, 10_000, 0, 4);
        }
    }

    /** One service the core offers, under its api interface. */
    public record Offered<T>(Class<T> type, T service) {
    }

    public Platform(DataSource dataSource, Publisher publisher, ChannelDirectory channels, Settings s) {
        db = new Db(dataSource);
        schemaVersion = Migrations.migrate(db);
        audit = new AuditServiceImpl(db);
        sites = new SiteServiceImpl(db, audit);
        persons = new PersonServiceImpl(db, audit, sites);
        faces = new FaceServiceImpl(db, audit, persons, persons);
        accounts = new AccountServiceImpl(db, audit, persons);
        persons.onDelete(id -> {
            faces.personDeleted(id);
            accounts.personDeleted(id);
        });
        events = new EventServiceImpl(db, sites, publisher, s.spineQueueCapacity(), s.waitForSubscribersMs(),
                s.dispatchThreads());
        alarms = new AlarmServiceImpl(db, audit, publisher, s.escalationAfterMs(), s.escalationMaxLevel());
        outbox = new OutboxServiceImpl(db, channels, s.retryInitialMs(), s.retryMaxMs(), s.maxAgeMs());
        devices = new DeviceManager(sites, events, audit);
        templates = new TemplateServiceImpl(db, audit);
        duty = new DutyServiceImpl(db, audit, sites, persons);
        messages = new MessageServiceImpl(persons, duty, templates, outbox, sites);
        notices = new NoticeServiceImpl(db, audit, sites, templates, outbox, messages);
        roster = new RosterServiceImpl(db, audit, sites, persons, faces, faces);
        persons.onChange(roster::changed);
        faces.onChange(roster::changed);
        sites.onDeviceChange(roster::changed);
        passages = new PassageServiceImpl(db, audit, sites, faces, events, persons, roster);
        passages.controllers(devices, devices::capabilities);
        passages.background(screening);
        // days in the gate time zone; leave passes excuse absences once a LeavePassService is given (useLeavePasses)
        attendance = new AttendanceServiceImpl(db, audit, persons, sites, events, PassageTimes.of(db),
                () -> passages.settings().zone());
        passages.attendance(attendance);
        leavePasses = new LeavePassServiceImpl(db, audit, persons, sites, events, () -> passages.settings().zone());
        passages.leavePasses(leavePasses);
        links = new SignedLinksImpl(db, java.time.Clock.systemUTC());
        watchlist = new WatchlistServiceImpl(db, audit, persons, faces, faces, events, alarms);
        passages.watchlist(watchlist);
        visits = new VisitServiceImpl(db, audit, persons, faces, faces, roster, sites, events,
                () -> passages.settings().zone());
        visits.start(); // follows the gates on the spine from the first dispatch
        health = new HealthServiceImpl(new HealthServiceImpl.Probes(schemaVersion, events::storedCount,
                events::stats, events::dispatcherAlive, outbox::queued, outbox::workerAlive),
                s.spineQueueCapacity(), this::plugins);
        // leave passes excuse absences and early leaves
        attendance.useLeavePasses(leavePasses);
        strangers = new StrangerServiceImpl(db, audit, sites, events, () -> attendance, () -> passages.settings().zone());
        passages.strangers(strangers);
        alarms.subscribe(strangers::alarmChanged);
        dangerZones = new DangerZoneServiceImpl(db, audit, sites, persons, events,
                DayWindows.schoolDays(() -> attendance), () -> passages.settings().zone());
        dangerZones.start(); // follows the presences on the spine from the first dispatch
        // perimeter arming: schedules in the site's time zone (else the gates'), school days from the calendar
        arming = new ArmingServiceImpl(db, audit, sites, events, () -> attendance, () -> passages.settings().zone());
    }

    /**
     * Every service the core offers, in the order they are published: health comes last, so a client that waits for
     * the health service finds the others there.
     */
    public List<Offered<?>> services() {
        return List.of(new Offered<>(SiteService.class, sites), new Offered<>(AuditService.class, audit),
                new Offered<>(DeviceControl.class, devices), new Offered<>(PersonService.class, persons),
                new Offered<>(EventService.class, events), new Offered<>(AlarmService.class, alarms),
                new Offered<>(OutboxService.class, outbox), new Offered<>(TemplateService.class, templates),
                new Offered<>(DutyService.class, duty), new Offered<>(MessageService.class, messages),
                new Offered<>(NoticeService.class, notices),
                new Offered<>(PassageService.class, passages), new Offered<>(RosterService.class, roster),
                new Offered<>(FaceService.class, faces),
                new Offered<>(AttendanceService.class, attendance),
                new Offered<>(AccountService.class, accounts),
                new Offered<>(LeavePassService.class, leavePasses), new Offered<>(SignedLinks.class, links),
                new Offered<>(WatchlistService.class, watchlist),
                new Offered<>(StrangerService.class, strangers),
                new Offered<>(VisitService.class, visits),
                new Offered<>(DangerZoneService.class, dangerZones),
                new Offered<>(ArmingService.class, arming),
                new Offered<>(HealthService.class, health));
    }

    /** The plugins the OSGi layer sees beside the device drivers (channels, engines, plugin types with no instance). */
    public void otherPlugins(Supplier<List<PluginInfo>> source) {
        this.otherPlugins = source;
    }

    private List<PluginInfo> plugins() {
        List<PluginInfo> out = new java.util.ArrayList<>(devices.plugins());
        out.addAll(otherPlugins.get());
        return out;
    }

    public void start() {
        events.start();
        outbox.start();
        notices.start();
        passages.republishMissingEvents();
    }

    public void stop() {
        devices.removeAll();
        screening.shutdownNow();
        watchlist.stop();
        visits.stop();
        dangerZones.stop();
        notices.stop();
        outbox.stop();
        events.stop();
        faces.stop();
    }
}
