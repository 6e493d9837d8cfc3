package org.gatehouse.models.dlib;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-encoded, byte-deterministic writer for the few ONNX messages a plain feed-forward graph needs
 * (field numbers from onnx.proto, proto2, repeated scalars unpacked): ModelProto, OperatorSetIdProto, GraphProto,
 * NodeProto, AttributeProto (INT, INTS, STRING, FLOAT), TensorProto (FLOAT and INT64 as raw_data, little-endian),
 * ValueInfoProto with a fixed tensor shape. Nodes, initializers and their names are written in the order they were
 * added; nothing depends on time, locale or hash order, so the same graph always gives the same bytes.
 */
public final class OnnxWriter {
    public static final int FLOAT = 1;
    public static final int INT64 = 7;

    /** Protobuf encoder for one message. */
    static final class Pb {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        private void tag(int field, int wireType) {
            varint(((long) field << 3) | wireType);
        }

        Pb int64(int field, long v) {
            tag(field, 0);
            varint(v);
            return this;
        }

        Pb float32(int field, float v) {
            tag(field, 5);
            int bits = Float.floatToRawIntBits(v);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xff);
            }
            return this;
        }

        Pb bytes(int field, byte[] b) {
            tag(field, 2);
            varint(b.length);
            out.writeBytes(b);
            return this;
        }

        Pb string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Pb message(int field, Pb m) {
            return bytes(field, m.toByteArray());
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** A node attribute. */
    public record Attribute(String name, Pb encoded) {
        public static Attribute ints(String name, long... values) {
            Pb a = new Pb().string(1, name);
            for (long v : values) {
                a.int64(8, v);
            }
            a.int64(20, 7); // INTS
            return new Attribute(name, a);
        }

        public static Attribute integer(String name, long value) {
            return new Attribute(name, new Pb().string(1, name).int64(3, value).int64(20, 2)); // INT
        }

        public static Attribute string(String name, String value) {
            return new Attribute(name, new Pb().string(1, name).string(4, value).int64(20, 3)); // STRING
        }
    }

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final List<String[]> metadata = new ArrayList<>();

    /** Adds a node; its name is {@code name}, inputs and outputs by value name. */
    public OnnxWriter node(String opType, String name, List<String> in, List<String> out, Attribute... attributes) {
        Pb n = new Pb();
        for (String s : in) {
            n.string(1, s);
        }
        for (String s : out) {
            n.string(2, s);
        }
        n.string(3, name).string(4, opType);
        for (Attribute a : attributes) {
            n.message(5, a.encoded());
        }
        nodes.add(n.toByteArray());
        return this;
    }

    /** Adds a float32 initializer. */
    public OnnxWriter initializer(String name, long[] dims, float[] values) {
        checkSize(name, dims, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        initializers.add(tensor(name, dims, FLOAT, b.array()));
        return this;
    }

    /** Adds an int64 initializer. */
    public OnnxWriter initializer(String name, long[] dims, long[] values) {
        checkSize(name, dims, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        initializers.add(tensor(name, dims, INT64, b.array()));
        return this;
    }

    private static void checkSize(String name, long[] dims, int n) {
        long size = 1;
        for (long d : dims) {
            size *= d;
        }
        if (size != n) {
            throw new IllegalArgumentException(name + ": dims give " + size + " values, " + n + " given");
        }
    }

    private static byte[] tensor(String name, long[] dims, int type, byte[] raw) {
        Pb t = new Pb();
        for (long d : dims) {
            t.int64(1, d);
        }
        t.int64(2, type).string(8, name).bytes(9, raw);
        return t.toByteArray();
    }

    private static byte[] valueInfo(String name, int type, long[] dims) {
        Pb shape = new Pb();
        for (long d : dims) {
            shape.message(1, new Pb().int64(1, d));
        }
        Pb tensorType = new Pb().int64(1, type).message(2, shape);
        Pb typeProto = new Pb().message(1, tensorType);
        return new Pb().string(1, name).message(2, typeProto).toByteArray();
    }

    public OnnxWriter input(String name, long... dims) {
        inputs.add(valueInfo(name, FLOAT, dims));
        return this;
    }

    public OnnxWriter output(String name, long... dims) {
        outputs.add(valueInfo(name, FLOAT, dims));
        return this;
    }

    /** A metadata_props entry of the model. */
    public OnnxWriter metadata(String key, String value) {
        metadata.add(new String[] {key, value});
        return this;
    }

    /**
     * @return the encoded ModelProto
     */
    public byte[] toBytes(String graphName, String producer, String producerVersion, int irVersion, int opset,
                          String docString) {
        Pb graph = new Pb();
        for (byte[] n : nodes) {
            graph.bytes(1, n);
        }
        graph.string(2, graphName);
        for (byte[] t : initializers) {
            graph.bytes(5, t);
        }
        for (byte[] v : inputs) {
            graph.bytes(11, v);
        }
        for (byte[] v : outputs) {
            graph.bytes(12, v);
        }
        Pb model = new Pb().int64(1, irVersion).string(2, producer).string(3, producerVersion)
                .string(6, docString).message(7, graph).message(8, new Pb().string(1, "").int64(2, opset));
        for (String[] kv : metadata) {
            model.message(14, new Pb().string(1, kv[0]).string(2, kv[1]));
        }
        return model.toByteArray();
    }
}
