package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.gatehouse.api.Alarm;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.AlarmState;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;
import org.gatehouse.api.perimeter.FenceEvents;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.SiteService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The Modbus TCP fence driver in the distribution: feature {@code gatehouse-fence-modbus} installed from
 * {@code system/}, one device configured through ConfigAdmin, polling a real Modbus server of another implementation
 * (Debian's python3-pymodbus, the script of the driver's own tests) on loopback. An input toggled on the server
 * raises an alarm in an armed perimeter zone; toggled back, the restore clears it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FenceModbusIT {
    private static final String SITE = "demo-school";
    private static final String ZONE = "itest-modbus-fence";
    private static final String DEVICE = "fence-mb1";

    @Inject
    private ConfigurationAdmin configAdmin;
    @Inject
    private FeaturesService features;
    @Inject
    private SiteService sites;
    @Inject
    private AlarmService alarms;

    @Configuration
    public Option[] config() {
        Option[] base = GatehouseOptions.options(Http.freePort());
        Option[] all = Arrays.copyOf(base, base.length + 1);
        // the test server of the driver's module; this method runs in the build's JVM, in itests/
        all[base.length] = systemProperty("gatehouse.itest.modbus.server").value(
                new File("../bundles/device/fence-modbus/src/test/resources/modbus_server.py").getAbsolutePath());
        return all;
    }

    @Test
    public void anInputToggledRaisesThenClearsAnAlarm() throws Exception {
        Http.awaitDemoCampus(Http.api(), Http.admin());
        features.installFeature("gatehouse-fence-modbus");
        assertTrue(features.isInstalled(features.getFeature("gatehouse-fence-modbus")));
        sites.saveZone(new Zone(ZONE, SITE, "Modbus fence", ZoneKind.PERIMETER, true, List.of()), "itest");
        sites.saveDevice(new Device(DEVICE, SITE, ZONE, "fence", "modbus", "Modbus fence controller",
                DeviceStatus.UNKNOWN, Map.of()), "itest");

        Process server = new ProcessBuilder("/usr/bin/python3", System.getProperty("gatehouse.itest.modbus.server"),
                "0").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
        org.osgi.service.cm.Configuration cfg = null;
        try {
            String ready = out.readLine();
            assertTrue("the pymodbus server starts (Debian python3-pymodbus): " + ready,
                    ready != null && ready.startsWith("ready "));
            cfg = configAdmin.getFactoryConfiguration("org.gatehouse.device.fence.modbus", "itest", "?");
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("device.id", DEVICE);
            props.put("host", "127.0.0.1");
            props.put("port", ready.substring(6).trim());
            props.put("poll.ms", "100");
            props.put("point.fence.intrusion", "di:0");
            props.put("point.fence.tamper", "di:1");
            cfg.update(props);
            Http.await("the Modbus device ONLINE", Duration.ofSeconds(60), () -> sites.device(DEVICE)
                    .map(d -> d.status() == DeviceStatus.ONLINE).orElse(false));

            assertEquals("ok", set(in, out, "set di 0 1"));
            Http.await("an intrusion alarm", Duration.ofSeconds(30), () -> intrusion().isPresent());
            Alarm alarm = intrusion().orElseThrow();
            assertEquals(ZONE, alarm.zoneId());

            assertEquals("ok", set(in, out, "set di 0 0"));
            Http.await("the alarm cleared by the restore", Duration.ofSeconds(30), () -> alarms.get(alarm.id())
                    .map(a -> a.state() == AlarmState.CLEARED).orElse(false));
        } finally {
            if (cfg != null) {
                cfg.delete();
            }
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Optional<Alarm> intrusion() {
        return alarms.query(new AlarmQuery(EnumSet.of(AlarmState.RAISED, AlarmState.ACKNOWLEDGED), SITE, null, 0,
                100)).items().stream()
                .filter(a -> DEVICE.equals(a.deviceId()) && FenceEvents.INTRUSION.equals(a.type())).findFirst();
    }

    private static String set(Writer in, BufferedReader out, String command) throws IOException {
        in.write(command + "\n");
        in.flush();
        return out.readLine();
    }
}
