package org.gatehouse.device.opcua.internal;

import java.math.BigInteger;
import java.util.Locale;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * The write of one device command, {@code command.<name> = <nodeId>:<type>:<value>} (e.g. {@code open =
 * ns=2;s=Gate1.Open:Boolean:true}): the node, and the value typed as the server expects it.
 *
 * @param name   the command's name, lower case
 * @param nodeId the node written
 * @param type   the OPC UA built-in type name as configured (Boolean, Int32, Double, String...)
 * @param value  the value to write
 * @param spec   the configured text
 */
record Write(String name, NodeId nodeId, String type, Variant value, String spec) {

    static final String FORM = "<nodeId>:<type>:<value>, e.g. ns=2;s=Gate1.Open:Boolean:true (types Boolean, SByte,"
            + " Byte, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float, Double, String)";

    /**
     * Parses a command; the node id may hold colons, the type and the value are the last two parts.
     *
     * @throws IllegalArgumentException starting with the key
     */
    static Write parse(String key, String name, String spec) {
        String text = spec == null ? "" : spec.trim();
        int last = text.lastIndexOf(':');
        int before = last <= 0 ? -1 : text.lastIndexOf(':', last - 1);
        if (before <= 0) {
            throw new IllegalArgumentException(key + " '" + text + "' must be " + FORM);
        }
        NodeId nodeId = Rule.nodeId(key, text.substring(0, before).trim());
        String type = text.substring(before + 1, last).trim();
        String value = text.substring(last + 1);
        Variant v;
        try {
            v = value(type, value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " '" + text + "': '" + value + "' is not a " + type);
        }
        if (v == null) {
            throw new IllegalArgumentException(key + " '" + text + "': '" + type + "' is not a supported type; "
                    + "a command is " + FORM);
        }
        return new Write(name, nodeId, type, v, text);
    }

    /** @return the typed value; null for an unknown type */
    private static Variant value(String type, String text) {
        String t = text.trim();
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "boolean" -> {
                Boolean b = Rule.bool(t);
                if (b == null || !(t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false") || t.equals("1")
                        || t.equals("0"))) {
                    throw new NumberFormatException();
                }
                yield new Variant(b);
            }
            case "sbyte" -> new Variant(Byte.parseByte(t));
            case "byte" -> new Variant(UByte.valueOf(range(t, 0xFFL)));
            case "int16" -> new Variant(Short.parseShort(t));
            case "uint16" -> new Variant(UShort.valueOf((int) range(t, 0xFFFFL)));
            case "int32" -> new Variant(Integer.parseInt(t));
            case "uint32" -> new Variant(UInteger.valueOf(range(t, 0xFFFFFFFFL)));
            case "int64" -> new Variant(Long.parseLong(t));
            case "uint64" -> {
                BigInteger b = new BigInteger(t);
                if (b.signum() < 0 || b.bitLength() > 64) {
                    throw new NumberFormatException();
                }
                yield new Variant(ULong.valueOf(b));
            }
            case "float" -> new Variant(Float.parseFloat(t));
            case "double" -> new Variant(Double.parseDouble(t));
            case "string" -> new Variant(text);
            default -> null;
        };
    }

    private static long range(String t, long max) {
        long v = Long.parseLong(t);
        if (v < 0 || v > max) {
            throw new NumberFormatException();
        }
        return v;
    }
}
