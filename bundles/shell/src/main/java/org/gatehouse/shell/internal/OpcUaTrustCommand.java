package org.gatehouse.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.opcua.OpcUaCertificate;
import org.gatehouse.api.opcua.OpcUaServerAdmin;

@Command(scope = "gatehouse", name = "opcua-trust",
        description = "Lists the OPC UA client certificates (trusted and rejected, newest first), or trusts, rejects"
                + " or removes one by its thumbprint (客户端证书信任). Audited.")
@Service
public class OpcUaTrustCommand extends GatehouseAction {

    @Reference(optional = true)
    OpcUaServerAdmin opcua;

    @Option(name = "--trust", description = "Trust the certificate with this SHA-1 thumbprint")
    String trust;

    @Option(name = "--reject", description = "Withdraw trust from the certificate (its sessions are closed)")
    String reject;

    @Option(name = "--remove", description = "Delete the certificate, trusted or rejected")
    String remove;

    @Override
    protected void run() {
        OpcUaServerAdmin admin = OpcUaStatusCommand.admin(opcua);
        int given = (trust != null ? 1 : 0) + (reject != null ? 1 : 0) + (remove != null ? 1 : 0);
        if (given > 1) {
            throw GatehouseException.invalid("one-action", "give one of --trust, --reject, --remove");
        }
        if (trust != null) {
            System.out.println("Trusted: " + line(admin.trust(trust, currentUser())));
        } else if (reject != null) {
            System.out.println("Rejected: " + line(admin.reject(reject, currentUser())));
        } else if (remove != null) {
            admin.remove(remove, currentUser());
            System.out.println("Removed: " + remove);
        } else {
            List<OpcUaCertificate> certificates = admin.certificates();
            if (certificates.isEmpty()) {
                System.out.println("No client certificates.");
                return;
            }
            System.out.println(String.format("%-9s %-40s %-21s %s", "STATE", "THUMBPRINT", "VALID UNTIL",
                    "APPLICATION / SUBJECT"));
            certificates.forEach(c -> System.out.println(line(c)));
        }
    }

    static String line(OpcUaCertificate c) {
        return String.format("%-9s %-40s %-21s %s", c.state(), c.thumbprint(), Formats.time(c.validTo()),
                c.applicationUri() != null ? c.applicationUri() : c.subject());
    }
}
