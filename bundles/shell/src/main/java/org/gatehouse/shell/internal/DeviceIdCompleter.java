package org.gatehouse.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.Device;
import org.gatehouse.api.service.SiteService;

/** Completes registered device ids. */
@Service
public class DeviceIdCompleter extends IdCompleter {

    @Reference
    SiteService sites;

    @Override
    protected List<String> ids() {
        return sites.devices(null).stream().map(Device::id).toList();
    }
}
