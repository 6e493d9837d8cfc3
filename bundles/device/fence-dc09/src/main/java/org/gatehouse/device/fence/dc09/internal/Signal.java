package org.gatehouse.device.fence.dc09.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gatehouse.device.fence.dc09.internal.Dc09Exception.Reply;

/**
 * One event of a message's data block.
 *
 * @param code      the code as the table knows it: Contact ID {@code E130} (new) or {@code R130} (restore),
 *                  {@code P130} (previously reported, still present); SIA {@code BA}
 * @param restore   whether the condition ended (Contact ID qualifier 3; SIA restore codes are their own codes)
 * @param zone      the zone (or user, for opening and closing) number as sent, {@code 001}; empty when none
 * @param partition the partition (area) as sent, empty when none
 */
record Signal(String code, boolean restore, String zone, String partition) {

    /** Contact ID: {@code [#acct|]QEEE GG ZZZ}. */
    private static final Pattern CID = Pattern.compile("(?:#[0-9A-Fa-f]{3,16}\\|)?([136])([0-9A-Fa-f]{3}) ?"
            + "([0-9A-Fa-f]{2}) ?([0-9A-Fa-f]{3})");
    /** SIA DCS: {@code [#acct|]N[ri1/]BA001[/...]}. */
    private static final Pattern SIA = Pattern.compile("(?:#[0-9A-Fa-f]{3,16}\\|)?([NO])(.*)");
    private static final Pattern SIA_EVENT = Pattern.compile("([A-Z]{2})([0-9]{0,4})");
    private static final Pattern SIA_AREA = Pattern.compile("ri([0-9]{1,4})");

    /** @return the events of the data block of an ADM-CID or SIA-DCS message */
    static List<Signal> parse(Dc09Message m) throws Dc09Exception {
        if (Dc09Message.ADM_CID.equals(m.id())) {
            Matcher c = CID.matcher(m.data().trim());
            if (!c.matches()) {
                throw new Dc09Exception(Reply.DUH, "account " + m.account() + ": not a Contact ID event: '"
                        + Dc09Codec.shorten(m.data()) + "'", m);
            }
            String q = c.group(1);
            String prefix = q.equals("1") ? "E" : q.equals("3") ? "R" : "P";
            return List.of(new Signal(prefix + c.group(2).toUpperCase(), q.equals("3"), c.group(4), c.group(3)));
        }
        Matcher s = SIA.matcher(m.data().trim());
        if (!s.matches()) {
            throw new Dc09Exception(Reply.DUH, "account " + m.account() + ": not a SIA DCS event block: '"
                    + Dc09Codec.shorten(m.data()) + "'", m);
        }
        List<Signal> out = new ArrayList<>();
        String area = "";
        for (String token : s.group(2).split("[/^]")) {
            Matcher a = SIA_AREA.matcher(token);
            if (a.matches()) {
                area = a.group(1);
                continue;
            }
            Matcher e = SIA_EVENT.matcher(token);
            if (e.matches()) {
                out.add(new Signal(e.group(1), false, e.group(2), area));
            }
            // other tokens (id user, ti time, pi peripheral, ...) are context the table does not need
        }
        if (out.isEmpty()) {
            throw new Dc09Exception(Reply.DUH, "account " + m.account() + ": no event code in '"
                    + Dc09Codec.shorten(m.data()) + "'", m);
        }
        return out;
    }
}
