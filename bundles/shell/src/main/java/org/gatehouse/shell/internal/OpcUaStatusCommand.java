package org.gatehouse.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.opcua.OpcUaServerAdmin;
import org.gatehouse.api.opcua.OpcUaStatus;

@Command(scope = "gatehouse", name = "opcua-status",
        description = "Shows the OPC UA server (OPC UA 服务器): endpoints, security policies, its certificate, the"
                + " open sessions with user, roles and policy, monitored items and retained alarm conditions.")
@Service
public class OpcUaStatusCommand extends GatehouseAction {

    @Reference(optional = true)
    OpcUaServerAdmin opcua;

    @Override
    protected void run() {
        OpcUaStatus s = admin(opcua).status();
        System.out.println("Endpoints:      " + String.join(", ", s.endpoints()));
        System.out.println("Policies:       " + String.join(", ", s.securityPolicies()));
        System.out.println("Anonymous:      " + (s.anonymous() ? "yes (read-only)" : "no"));
        System.out.println("Application:    " + s.applicationUri() + "  (namespace " + s.namespaceUri() + ")");
        if (s.certificate() != null) {
            System.out.println("Certificate:    " + s.certificate().thumbprint() + "  valid until "
                    + Formats.time(s.certificate().validTo()));
        }
        System.out.println("Monitored items: " + s.monitoredItems() + ", retained conditions: "
                + s.retainedConditions());
        if (s.sessions().isEmpty()) {
            System.out.println("No sessions.");
            return;
        }
        System.out.println(String.format("%-14s %-22s %-30s %-21s %s", "USER", "ROLES", "POLICY", "SINCE",
                "CLIENT"));
        for (OpcUaStatus.OpcUaSession session : s.sessions()) {
            System.out.println(String.format("%-14s %-22s %-30s %-21s %s", session.user(),
                    String.join(",", session.roles()), session.securityPolicy(),
                    session.since() == null ? "-" : Formats.time(session.since()), session.client()));
        }
    }

    /** @throws GatehouseException UNAVAILABLE {@code opcua-not-installed} when the server is not running */
    static OpcUaServerAdmin admin(OpcUaServerAdmin opcua) {
        if (opcua == null) {
            throw GatehouseException.unavailable("opcua-not-installed", "the OPC UA server is not running "
                    + "(feature:install gatehouse-opcua)", null);
        }
        return opcua;
    }
}
