package org.gatehouse.core.internal.osgi;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.Publisher;
import org.gatehouse.core.internal.access.GateSettings;
import org.gatehouse.core.internal.attendance.AttendanceServiceImpl;
import org.gatehouse.core.internal.face.FaceSettings;
import org.gatehouse.core.internal.outbox.ChannelDirectory;
import org.gatehouse.core.internal.outbox.OutboxPolicy;
import org.gatehouse.core.internal.outbox.OutboxServiceImpl;
import org.gatehouse.core.internal.visitor.VisitSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.gatehouse.api.notify.NotificationChannel;
import org.gatehouse.api.recognition.RecognitionEngine;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.PayloadMapper;
import org.gatehouse.api.service.HealthService.PluginInfo;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gatehouse core in OSGi: builds the {@link Platform} on the jdbc/gatehouse DataSource, publishes the api services,
 * tracks device drivers, notification channels and recognition engines (whiteboard), and runs the escalation timer.
 */
@Component(immediate = true, configurationPid = "org.gatehouse.core", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {})
@Designate(ocd = CoreConfig.class)
public class CoreComponent {
    private static final Logger LOG = LoggerFactory.getLogger(CoreComponent.class);

    @Reference(target = "(osgi.jndi.service.name=jdbc/gatehouse)")
    private DataSource dataSource;

    @Reference
    private EventAdmin eventAdmin;

    /** Finds plugin components that are installed but have no configuration yet (no instance). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceComponentRuntime scr;

    private BundleContext context;
    private Platform platform;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private ServiceTracker<DeviceDriver, DeviceDriver> drivers;
    private ServiceTracker<PayloadMapper, PayloadMapper> mappers;
    private ServiceTracker<NotificationChannel, NotificationChannel> channels;
    private ServiceTracker<RecognitionEngine, RecognitionEngine> engines;
    private ScheduledExecutorService timer;

    @Activate
    void activate(BundleContext bc, CoreConfig config) {
        this.context = bc;
        long t0 = System.currentTimeMillis();
        Publisher publisher = (topic, props) -> {
            try {
                eventAdmin.postEvent(new Event(topic, props));
            } catch (RuntimeException e) {
                LOG.debug("EventAdmin refused {}: {}", topic, e.toString());
            }
        };
        OsgiChannels directory = new OsgiChannels();
        platform = new Platform(dataSource, publisher, directory, settings(config));
        platform.alarms.configureReminders(remindMs(config));
        platform.outbox.configurePolicy(policy(config));
        directory.outbox = platform.outbox;
        channels = new ServiceTracker<>(bc, NotificationChannel.class, directory);
        channels.open();
        platform.passages.configure(gateSettings(config));
        platform.faces.configure(faceSettings(config));
        configureAttendance(config);
        configureStrangers(config);
        platform.visits.configure(visitSettings(config));
        configurePerimeter(config);
        platform.otherPlugins(this::otherPlugins);
        // Karaf registers BootFinished once its boot features are installed: the routes among them have subscribed
        platform.events.bootFinished(() -> bc.getServiceReference("org.apache.karaf.features.BootFinished") != null);
        platform.start();
        engines = new ServiceTracker<>(bc, RecognitionEngine.class, null) {
            @Override
            public RecognitionEngine addingService(ServiceReference<RecognitionEngine> ref) {
                RecognitionEngine e = super.addingService(ref);
                if (e != null) {
                    platform.faces.engineAdded(String.valueOf(ref.getProperty(RecognitionEngine.ENGINE)), e,
                            org.gatehouse.core.internal.face.ModelCatalog.EngineFiles.of(ref.getProperty(
                                    org.gatehouse.core.internal.face.ModelCatalog.FILES_PROPERTY), ref.getProperty(
                                    org.gatehouse.core.internal.face.ModelCatalog.SET_PROPERTY)));
                }
                return e;
            }

            @Override
            public void removedService(ServiceReference<RecognitionEngine> ref, RecognitionEngine e) {
                platform.faces.engineRemoved(String.valueOf(ref.getProperty(RecognitionEngine.ENGINE)), e);
                super.removedService(ref, e);
            }
        };
        engines.open();
        for (Platform.Offered<?> o : platform.services()) {
            register(o);
        }
        drivers = new ServiceTracker<>(bc, DeviceDriver.class, null) {
            @Override
            public DeviceDriver addingService(ServiceReference<DeviceDriver> ref) {
                DeviceDriver d = super.addingService(ref);
                if (d != null) {
                    platform.devices.add(d, props(ref), ref.getBundle().getSymbolicName());
                }
                return d;
            }

            @Override
            public void removedService(ServiceReference<DeviceDriver> ref, DeviceDriver d) {
                platform.devices.remove(d);
                super.removedService(ref, d);
            }
        };
        drivers.open();
        mappers = new ServiceTracker<>(bc, PayloadMapper.class, null) {
            @Override
            public PayloadMapper addingService(ServiceReference<PayloadMapper> ref) {
                PayloadMapper m = super.addingService(ref);
                if (m != null) {
                    platform.devices.addMapper(m, ref.getProperty(DeviceDriver.DEVICE_ID));
                }
                return m;
            }

            @Override
            public void removedService(ServiceReference<PayloadMapper> ref, PayloadMapper m) {
                platform.devices.removeMapper(m);
                super.removedService(ref, m);
            }
        };
        mappers.open();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-escalation");
            t.setDaemon(true);
            return t;
        });
        int every = Math.max(1, config.escalation_check_seconds());
        timer.scheduleWithFixedDelay(this::escalate, every, every, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::purgeSnapshots, 60, 24 * 3600, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::checkValidity, 60, 60, TimeUnit.SECONDS);
        // the absent notices: checked every minute, sent once a school day after attendance.absent.time
        timer.scheduleWithFixedDelay(this::absentNotices, 60, 60, TimeUnit.SECONDS);
        // visits: expiry, overstay, retention purge
        timer.scheduleWithFixedDelay(this::checkVisits, 60, 60, TimeUnit.SECONDS);
        // perimeter arming: schedule changes, expired bypasses and manual states
        timer.scheduleWithFixedDelay(this::checkArming, 5, 30, TimeUnit.SECONDS);
        LOG.info("Gatehouse core started in {} ms (schema version {})", System.currentTimeMillis() - t0,
                platform.schemaVersion);
    }

    @Modified
    void modified(CoreConfig config) {
        Platform.Settings s = settings(config);
        platform.alarms.configureEscalation(s.escalationAfterMs(), s.escalationMaxLevel());
        platform.alarms.configureReminders(remindMs(config));
        platform.outbox.configure(s.retryInitialMs(), s.retryMaxMs(), s.maxAgeMs());
        platform.outbox.configurePolicy(policy(config));
        platform.faces.configure(faceSettings(config));
        platform.passages.configure(gateSettings(config));
        configureAttendance(config);
        configureStrangers(config);
        platform.visits.configure(visitSettings(config));
        configurePerimeter(config);
        LOG.info("Gatehouse core settings updated");
    }

    @Deactivate
    void deactivate() {
        timer.shutdown(); // not shutdownNow: an interrupt in the middle of a Derby call closes its connection
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mappers.close();
        drivers.close();
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException ignored) {
                // already gone with the bundle
            }
        }
        registrations.clear();
        engines.close();
        platform.stop();
        channels.close();
        LOG.info("Gatehouse core stopped");
    }

    private void escalate() {
        try {
            platform.alarms.escalateDue();
        } catch (RuntimeException e) {
            LOG.warn("Escalation check failed: {}", e.getMessage());
        }
        try {
            platform.alarms.remindDue();
        } catch (RuntimeException e) {
            LOG.warn("Reminder check failed: {}", e.getMessage());
        }
    }

    /** @return the reminder period: alarm.remind.critical.seconds when above 0, else the minutes; 0 for none */
    static long remindMs(CoreConfig c) {
        long seconds = c.alarm_remind_critical_seconds();
        return seconds > 0 ? seconds * 1000L : Math.max(0, c.alarm_remind_critical_minutes()) * 60_000L;
    }

    /** Terminals re-sync when an access validity begins or ends. */
    private void checkValidity() {
        try {
            platform.roster.checkValidity(java.time.Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Validity check failed: {}", e.getMessage());
        }
    }

    private void purgeSnapshots() {
        try {
            platform.passages.purgeSnapshots(java.time.Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Snapshot purge failed: {}", e.getMessage());
        }
    }

    private void absentNotices() {
        try {
            platform.attendance.absentNotices();
        } catch (RuntimeException e) {
            LOG.warn("Absent notices failed: {}", e.getMessage());
        }
    }

    private void checkVisits() {
        try {
            platform.visits.check(java.time.Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Visit check failed: {}", e.getMessage());
        }
    }

    private void checkArming() {
        try {
            platform.arming.check(java.time.Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Arming check failed: {}", e.getMessage());
        }
    }

    /** The perimeter settings; a bad value is reported in one line and the default is kept. */
    private void configurePerimeter(CoreConfig c) {
        try {
            platform.arming.configure(c.perimeter_bypass_max_hours());
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid setting in org.gatehouse.core: {}; {} used", e.getMessage(),
                    org.gatehouse.core.internal.perimeter.ArmingServiceImpl.DEFAULT_BYPASS_MAX_HOURS);
            platform.arming.configure(org.gatehouse.core.internal.perimeter.ArmingServiceImpl.DEFAULT_BYPASS_MAX_HOURS);
        }
    }

    /** The visitor settings; a bad value is reported in one line and the defaults are kept. */
    private static VisitSettings visitSettings(CoreConfig c) {
        try {
            return new VisitSettings(c.visitor_retention_days(), c.visitor_max_window_hours(),
                    c.visitor_invitation_hours());
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid setting in org.gatehouse.core: {}; visitor defaults used", e.getMessage());
            return VisitSettings.defaults();
        }
    }

    /** The attendance settings; a bad value is reported in one line and the default (09:00) is kept. */
    private void configureAttendance(CoreConfig c) {
        try {
            platform.attendance.configureAbsentTime(AttendanceServiceImpl.parseTime("attendance.absent.time",
                    c.attendance_absent_time()));
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid setting in org.gatehouse.core: {}; 09:00 used", e.getMessage());
            platform.attendance.configureAbsentTime(java.time.LocalTime.of(9, 0));
        }
    }

    /** The stranger alert settings; a bad value is reported in one line and the default is kept. */
    private void configureStrangers(CoreConfig c) {
        try {
            platform.strangers.configure(c.stranger_cluster_threshold());
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid setting in org.gatehouse.core: {}; {} used", e.getMessage(),
                    org.gatehouse.core.internal.stranger.StrangerServiceImpl.DEFAULT_THRESHOLD);
            platform.strangers.configure(org.gatehouse.core.internal.stranger.StrangerServiceImpl.DEFAULT_THRESHOLD);
        }
    }

    /** The gate settings; a bad value is reported in one line and the defaults are kept. */
    private static GateSettings gateSettings(CoreConfig c) {
        try {
            java.nio.file.Path dir = c.snapshot_dir() == null || c.snapshot_dir().isBlank() ? GateSettings.defaultDir()
                    : java.nio.file.Path.of(c.snapshot_dir());
            return new GateSettings(dir, c.snapshot_retention_days(), c.gate_fever_celsius(),
                    java.time.ZoneId.of(c.gate_timezone()), c.gate_repeat_seconds(), c.gate_fever_deny());
        } catch (RuntimeException e) {
            LOG.warn("Bad gate settings, using the defaults: {}", e.getMessage());
            return GateSettings.defaults();
        }
    }

    /** The outbox policy; a bad value is reported in one line and the defaults are kept. */
    private static OutboxPolicy policy(CoreConfig c) {
        try {
            return OutboxPolicy.of(c.outbox_fallback_after_attempts(), c.outbox_rate_per_recipient_per_hour(),
                    c.outbox_quiet_hours(), c.outbox_quiet_timezone());
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid setting in org.gatehouse.core: {}; no quiet hours", e.getMessage());
            return OutboxPolicy.of(c.outbox_fallback_after_attempts(), c.outbox_rate_per_recipient_per_hour(), "",
                    "Asia/Shanghai");
        }
    }

    /** The face settings; a bad value is reported in one line and the defaults are kept. */
    private static FaceSettings faceSettings(CoreConfig c) {
        try {
            return new FaceSettings(c.face_engine().trim(), c.face_threshold_gate(), c.face_threshold_visitor(),
                    c.face_threshold_watchlist(), c.face_enroll_min_size(), c.face_identify_min_size(),
                    c.face_min_sharpness(), c.face_max_yaw(), c.face_consent_required(),
                    c.face_max_templates_per_person(), c.face_search_threads(), c.face_threshold_clean_gate(),
                    c.face_threshold_clean_visitor(), c.face_threshold_clean_watchlist());
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid face setting in org.gatehouse.core: {}; face defaults used", e.getMessage());
            return FaceSettings.defaults();
        }
    }

    private static Platform.Settings settings(CoreConfig c) {
        return new Platform.Settings(c.escalation_after_minutes() * 60_000L, c.escalation_max_level(),
                c.outbox_retry_initial_seconds() * 1000L, c.outbox_retry_max_seconds() * 1000L,
                c.outbox_max_age_hours() * 3_600_000L, Math.max(100, c.spine_queue_capacity()),
                c.spine_wait_for_routes_seconds() * 1000L, c.spine_dispatch_threads());
    }

    private <T> void register(Platform.Offered<T> offered) {
        registrations.add(context.registerService(offered.type(), offered.service(), null));
    }

    private List<PluginInfo> otherPlugins() {
        List<PluginInfo> out = new ArrayList<>(uninstantiated());
        ServiceReference<NotificationChannel>[] refs = channels.getServiceReferences();
        if (refs != null) {
            for (ServiceReference<NotificationChannel> r : refs) {
                NotificationChannel ch = channels.getService(r);
                out.add(new PluginInfo("channel", String.valueOf(r.getProperty(NotificationChannel.PROVIDER)),
                        String.valueOf(r.getProperty(NotificationChannel.CHANNEL)), r.getBundle().getSymbolicName(),
                        ch == null ? "UNKNOWN" : ch.health().name()));
            }
        }
        ServiceReference<RecognitionEngine>[] erefs = engines.getServiceReferences();
        if (erefs != null) {
            for (ServiceReference<RecognitionEngine> r : erefs) {
                Object cap = r.getProperty(RecognitionEngine.CAPABILITY);
                out.add(new PluginInfo("engine", String.valueOf(r.getProperty(RecognitionEngine.ENGINE)),
                        cap instanceof String[] a ? String.join(",", a) : String.valueOf(cap),
                        r.getBundle().getSymbolicName(), "UP"));
            }
        }
        return out;
    }

    /**
     * Plugin components (bundles {@code org.gatehouse.notify.*}, {@code .device.*}, {@code .engine.*}) that need a
     * configuration and have none: an integrator who just installed a channel sees it and what file to add.
     */
    private List<PluginInfo> uninstantiated() {
        ServiceComponentRuntime runtime = scr;
        if (runtime == null) {
            return List.of();
        }
        List<PluginInfo> out = new ArrayList<>();
        for (var d : runtime.getComponentDescriptionDTOs()) {
            String kind = PluginKinds.kind(d.bundle.symbolicName);
            // a component waiting for its required configuration is reported as UNSATISFIED_CONFIGURATION (DS 1.3)
            if (kind == null || !"require".equals(d.configurationPolicy) || !runtime.getComponentConfigurationDTOs(d)
                    .stream().allMatch(c -> c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION)) {
                continue;
            }
            String pid = d.configurationPid.length > 0 ? d.configurationPid[0] : d.name;
            out.add(new PluginInfo(kind, PluginKinds.id(d.bundle.symbolicName), PluginKinds.type(d.properties),
                    d.bundle.symbolicName, PluginKinds.noInstance(pid)));
        }
        return out;
    }

    private static Map<String, Object> props(ServiceReference<?> ref) {
        Map<String, Object> m = new HashMap<>();
        for (String k : ref.getPropertyKeys()) {
            m.put(k, ref.getProperty(k));
        }
        return m;
    }

    /** Channel services by kind and LDAP filter; wakes the outbox when channels come and go. */
    private final class OsgiChannels implements ChannelDirectory,
            org.osgi.util.tracker.ServiceTrackerCustomizer<NotificationChannel, NotificationChannel> {
        volatile OutboxServiceImpl outbox;

        @Override
        public List<Found> find(String kind, String filter) {
            ServiceReference<NotificationChannel>[] refs = channels.getServiceReferences();
            List<ServiceReference<NotificationChannel>> matching = new ArrayList<>();
            if (refs != null) {
                org.osgi.framework.Filter f = filter == null ? null : parse(filter);
                for (ServiceReference<NotificationChannel> r : refs) {
                    if (kind.equals(r.getProperty(NotificationChannel.CHANNEL)) && (f == null || f.match(r))) {
                        matching.add(r);
                    }
                }
            }
            matching.sort(Comparator.<ServiceReference<NotificationChannel>>naturalOrder().reversed());
            List<Found> out = new ArrayList<>();
            for (ServiceReference<NotificationChannel> r : matching) {
                NotificationChannel ch = channels.getService(r);
                if (ch != null) {
                    out.add(new Found(String.valueOf(r.getProperty(NotificationChannel.PROVIDER)), ch));
                }
            }
            return out;
        }

        @Override
        public void checkFilter(String filter) {
            parse(filter);
        }

        private org.osgi.framework.Filter parse(String filter) {
            try {
                return context.createFilter(filter);
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }

        @Override
        public NotificationChannel addingService(ServiceReference<NotificationChannel> ref) {
            NotificationChannel ch = context.getService(ref);
            LOG.info("Notification channel {} ({}) available", ref.getProperty(NotificationChannel.PROVIDER),
                    ref.getProperty(NotificationChannel.CHANNEL));
            changed();
            return ch;
        }

        @Override
        public void modifiedService(ServiceReference<NotificationChannel> ref, NotificationChannel ch) {
            changed();
        }

        @Override
        public void removedService(ServiceReference<NotificationChannel> ref, NotificationChannel ch) {
            LOG.info("Notification channel {} ({}) removed", ref.getProperty(NotificationChannel.PROVIDER),
                    ref.getProperty(NotificationChannel.CHANNEL));
            context.ungetService(ref);
        }

        private void changed() {
            OutboxServiceImpl o = outbox;
            if (o != null) {
                o.channelsChanged();
            }
        }
    }
}
