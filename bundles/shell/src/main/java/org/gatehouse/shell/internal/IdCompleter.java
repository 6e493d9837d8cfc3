package org.gatehouse.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Base of the completers of ids read from a service: no completion while the service fails. */
abstract class IdCompleter implements Completer {

    /** @return the ids to complete */
    protected abstract List<String> ids();

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        try {
            delegate.getStrings().addAll(ids());
        } catch (RuntimeException e) {
            // no completion when the service is unavailable
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
