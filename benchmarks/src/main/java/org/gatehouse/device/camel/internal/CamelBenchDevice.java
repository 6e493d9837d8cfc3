package org.gatehouse.device.camel.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.impl.DefaultCamelContext;
import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.device.PayloadMapper;

/** A device by Camel URI for CamelDeviceBench: TCP lines {@code ALARM <zone> <seq>} into fence.intrusion events. */
public final class CamelBenchDevice {
    private CamelBenchDevice() {
    }

    /** @return the driver (also its {@link PayloadMapper}) listening on 127.0.0.1:port */
    public static DeviceDriver tcpLines(String deviceId, int port) {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("map.1.when", "^ALARM (\\S+) (\\d+)$");
        rules.put("map.1.type", "fence.intrusion");
        rules.put("map.1.zone", "%{1}");
        rules.put("map.1.id", "%{2}");
        rules.put("map.1.attr.seq", "%{2}");
        CamelDeviceSettings s = new CamelDeviceSettings(deviceId, "netty:tcp://127.0.0.1:" + port
                + "?textline=true&sync=false", "fence", Mapping.parse(deviceId, "text", rules), 1000, 60_000);
        return new CamelDevice(s, DefaultCamelContext::new, Clock.systemUTC());
    }
}
