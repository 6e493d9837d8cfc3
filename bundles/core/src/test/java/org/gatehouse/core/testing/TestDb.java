package org.gatehouse.core.testing;

import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.internal.Publisher;

import org.gatehouse.core.internal.outbox.ChannelDirectory;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.notify.NotificationChannel;

/** A real embedded Derby database per test, under target/test-db. */
public final class TestDb {
    private TestDb() {
    }

    public static DataSource newDataSource() {
        return dataSource(new File("target/test-db/" + UUID.randomUUID()).getAbsolutePath());
    }

    public static DataSource dataSource(String path) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(path);
        ds.setCreateDatabase("create");
        return ds;
    }

    /** A channel directory backed by a list the test controls. */
    public static final class Channels implements ChannelDirectory {
        public final List<Found> present = new CopyOnWriteArrayList<>();
        public final Map<String, String> kinds = new java.util.concurrent.ConcurrentHashMap<>();

        public void add(String kind, String provider, NotificationChannel ch) {
            present.add(new Found(provider, ch));
            kinds.put(provider, kind);
        }

        @Override
        public List<Found> find(String kind, String filter) {
            List<Found> out = new ArrayList<>();
            for (Found f : present) {
                if (kind.equals(kinds.get(f.provider()))
                        && (filter == null || filter.equals("(gatehouse.notify.provider=" + f.provider() + ")"))) {
                    out.add(f);
                }
            }
            return out;
        }

        @Override
        public void checkFilter(String filter) {
            if (!filter.startsWith("(") || !filter.endsWith(")")) {
                throw new IllegalArgumentException("bad filter");
            }
        }
    }

    /** A platform on a new database, with no notification channel (the shared fixture of core, rest, shell, demo). */
    public static Platform platform() {
        System.setProperty("derby.stream.error.file", "target/derby.log");
        return platform(newDataSource(), new Channels());
    }

    public static Platform platform(DataSource ds, ChannelDirectory channels) {
        return new Platform(ds, Publisher.NONE, channels, Platform.Settings.defaults());
    }

    /** Site {@code s1} (Asia/Shanghai) with the gate zone {@code main-gate} and its face gate {@code gate-1} (in). */
    public static void seedGate(Platform p) {
        p.sites.saveSite(new Site("s1", "School", "Asia/Shanghai", null), "t");
        p.sites.saveZone(new Zone("main-gate", "s1", "Main gate", ZoneKind.GATE, false, List.of()), "t");
        p.sites.saveDevice(new Device("gate-1", "s1", "main-gate", "facegate", "http", "Gate 1",
                DeviceStatus.UNKNOWN, Map.of("direction", "in")), "t");
    }

    public static void seed(Platform p) {
        p.sites.saveSite(new Site("s1", "School 1", "Asia/Shanghai", null), "test");
        p.sites.saveDevice(new Device("fence-1", "s1", null, "fence", "http", "Fence 1", DeviceStatus.UNKNOWN, Map.of()),
                "test");
    }
}
