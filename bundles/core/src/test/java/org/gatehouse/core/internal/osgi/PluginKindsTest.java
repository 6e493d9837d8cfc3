package org.gatehouse.core.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PluginKindsTest {
    @Test
    void pluginBundlesAreNamedByKindAndShortId() {
        assertEquals("channel", PluginKinds.kind("org.gatehouse.notify.sms.smpp"));
        assertEquals("sms-smpp", PluginKinds.id("org.gatehouse.notify.sms.smpp"));
        assertEquals("device", PluginKinds.kind("org.gatehouse.device.simulator"));
        assertEquals("simulator", PluginKinds.id("org.gatehouse.device.simulator"));
        assertEquals("engine", PluginKinds.kind("org.gatehouse.engine.face.opencv"));
        assertEquals("face-opencv", PluginKinds.id("org.gatehouse.engine.face.opencv"));
        assertNull(PluginKinds.kind("org.gatehouse.core"), "the platform's own bundles are not plugins");
        assertNull(PluginKinds.kind("org.apache.camel.camel-core"));
    }

    @Test
    void theStatusNamesTheFileThatCreatesAnInstance() {
        assertEquals("installed, no instance: add etc/org.gatehouse.notify.sms.smpp-<alias>.cfg",
                PluginKinds.noInstance("org.gatehouse.notify.sms.smpp"));
        assertEquals("sms", PluginKinds.type(Map.of("gatehouse.notify.channel", "sms")));
        assertEquals("fence", PluginKinds.type(Map.of("gatehouse.device.type", "fence")));
        assertNull(PluginKinds.type(Map.of()));
    }
}
