package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.gatehouse.api.AlarmQuery;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.api.service.HealthService;
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
 * A device driver plugin configured at run time (the simulator, one instance per factory configuration) feeds the
 * spine through its DeviceSink, and the gatehouse:* shell commands show and act on the result.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellAndDriverIT {
    @Inject
    private SessionFactory sessions;
    @Inject
    private ConfigurationAdmin configAdmin;
    @Inject
    private SiteService sites;
    @Inject
    private AlarmService alarms;
    @Inject
    private HealthService health;

    @Configuration
    public Option[] config() {
        return GatehouseOptions.options(Http.freePort());
    }

    private String shell(String command) throws Exception {
        return KarafShell.run(sessions, command);
    }

    @Test
    public void simulatorDriverAndShellCommands() throws Exception {
        // the probe may run while boot features are still starting: wait until the gatehouse commands are registered
        Http.await("the gatehouse:* commands", Duration.ofSeconds(90), () -> {
            try {
                return !shell("gatehouse:health").contains("Command not found");
            } catch (Exception e) {
                return false;
            }
        });
        Http.awaitDemoCampus("http://127.0.0.1:" + System.getProperty("gatehouse.itest.http") + "/gatehouse/api",
                Http.basic(GatehouseOptions.USER, GatehouseOptions.PASSWORD));
        org.osgi.service.cm.Configuration cfg = configAdmin.getFactoryConfiguration("org.gatehouse.device.simulator",
                "itest", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("device.id", "sim-fence-1");
        props.put("interval.seconds", "0");
        props.put("restore.after.seconds", "0");
        cfg.update(props);
        try {
            Http.await("the simulated device ONLINE", Duration.ofSeconds(60), () -> sites.device("sim-fence-1")
                    .map(d -> d.status() == DeviceStatus.ONLINE).orElse(false));
            assertTrue(health.plugins().stream().anyMatch(p -> "driver".equals(p.kind()) && "sim-fence-1".equals(p.id())));

            String plugins = shell("gatehouse:plugin-list");
            assertTrue(plugins, plugins.contains("sim-fence-1"));
            String devices = shell("gatehouse:device-list");
            assertTrue(devices, devices.contains("sim-fence-1") && devices.contains("fence-n1"));

            // the driver's own command path: the shell sends "trigger", the driver emits through its DeviceSink
            String trigger = shell("gatehouse:device-command sim-fence-1 trigger");
            assertTrue(trigger, trigger.contains("OK trigger on sim-fence-1"));
            String unsupported = shell("gatehouse:device-command sim-fence-1 fly");
            assertTrue(unsupported, unsupported.contains("Failed fly"));
            Http.await("an alarm from the simulated driver", Duration.ofSeconds(60), () -> alarms.query(
                    AlarmQuery.active(100)).items().stream().anyMatch(a -> "sim-fence-1".equals(a.deviceId())));
            long id = alarms.query(AlarmQuery.active(100)).items().stream()
                    .filter(a -> "sim-fence-1".equals(a.deviceId())).findFirst().orElseThrow().id();

            String list = shell("gatehouse:alarm-list");
            assertTrue(list, list.contains("sim-fence-1"));
            String ack = shell("gatehouse:alarm-ack --note checked " + id);
            assertFalse(ack, ack.contains("EXCEPTION"));
            assertEquals("ACKNOWLEDGED", alarms.get(id).orElseThrow().state().name());

            String missing = shell("gatehouse:alarm-ack 999999");
            assertTrue(missing, missing.contains("unknown-alarm"));
            assertFalse("an expected error is one line, not a stack trace: " + missing, missing.contains("\tat "));

            String tail = shell("gatehouse:event-tail -n 5");
            assertTrue(tail, tail.contains("sim-fence-1"));
            String h = shell("gatehouse:health");
            assertTrue(h, h.contains("UP"));
        } finally {
            cfg.delete();
        }
        Http.await("the device OFFLINE once its configuration is deleted", Duration.ofSeconds(30), () -> sites
                .device("sim-fence-1").map(d -> d.status() == DeviceStatus.OFFLINE).orElse(false));
    }
}
