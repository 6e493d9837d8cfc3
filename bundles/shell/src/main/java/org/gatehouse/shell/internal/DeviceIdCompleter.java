package org.gatehouse.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gatehouse.api.Device;
import org.gatehouse.api.service.SiteService;

/** Completes registered device ids. */
@Service
public class DeviceIdCompleter implements Completer {

    @Reference
    SiteService sites;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        try {
            for (Device d : sites.devices(null)) {
                delegate.getStrings().add(d.id());
            }
        } catch (RuntimeException e) {
            // no completion when the registry is unavailable
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
