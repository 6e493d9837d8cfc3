package org.gatehouse.core.internal.osgi;

import java.util.Map;

import org.gatehouse.api.device.DeviceDriver;
import org.gatehouse.api.notify.NotificationChannel;

/** How a plugin bundle is named in the plugin list: its kind from its symbolic name, its id, its type. */
final class PluginKinds {
    private PluginKinds() {
    }

    /** @return channel, device or engine for a Gatehouse plugin bundle; null for anything else */
    static String kind(String bsn) {
        if (bsn == null) {
            return null;
        }
        if (bsn.startsWith("org.gatehouse.notify.")) {
            return "channel";
        }
        if (bsn.startsWith("org.gatehouse.device.")) {
            return "device";
        }
        if (bsn.startsWith("org.gatehouse.engine.")) {
            return "engine";
        }
        return null;
    }

    /** @return the plugin's short name: {@code org.gatehouse.notify.sms.smpp} gives {@code sms-smpp} */
    static String id(String bsn) {
        String rest = bsn.substring(bsn.indexOf('.', "org.gatehouse.".length()) + 1);
        return rest.replace('.', '-');
    }

    /** @return the channel kind or device type the component declares, or null */
    static String type(Map<String, Object> componentProperties) {
        Object t = componentProperties == null ? null : componentProperties.getOrDefault(NotificationChannel.CHANNEL,
                componentProperties.get(DeviceDriver.TYPE));
        return t == null ? null : t.toString();
    }

    /** @return the status line of an installed plugin type with no instance, naming the file that creates one */
    static String noInstance(String pid) {
        return "installed, no instance: add etc/" + pid + "-<alias>.cfg";
    }
}
