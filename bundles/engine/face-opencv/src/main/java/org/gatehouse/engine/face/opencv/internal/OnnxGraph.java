package org.gatehouse.engine.face.opencv.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the declared graph output names of an ONNX file, in their declared order, with a minimal protobuf walk
 * (ModelProto.graph = 7, GraphProto.output = 12, ValueInfoProto.name = 1). OpenCV's
 * {@code getUnconnectedOutLayersNames()} orders outputs by its own layer ids (UltraFace: boxes before scores), while
 * {@link org.gatehouse.engine.face.support.InferenceBackend.Session#run} promises the model's declared order.
 */
final class OnnxGraph {
    private static final int MODEL_GRAPH = 7, GRAPH_OUTPUT = 12, VALUE_INFO_NAME = 1;

    private final byte[] b;
    private int p;

    private OnnxGraph(byte[] b) {
        this.b = b;
    }

    /** @return the graph's output names in declared order (empty when the file is not a readable ONNX model) */
    static List<String> outputNames(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            OnnxGraph r = new OnnxGraph(bytes);
            int[] graph = r.field(0, bytes.length, MODEL_GRAPH);
            if (graph == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            r.p = graph[0];
            while (r.p < graph[1]) {
                long key = r.varint();
                int fieldNo = (int) (key >>> 3), wire = (int) (key & 7);
                if (wire == 2) {
                    int len = r.length(graph[1]);
                    int start = r.p;
                    if (fieldNo == GRAPH_OUTPUT) {
                        int[] name = r.field(start, start + len, VALUE_INFO_NAME);
                        if (name != null) {
                            names.add(new String(bytes, name[0], name[1] - name[0], StandardCharsets.UTF_8));
                        }
                    }
                    r.p = start + len;
                } else {
                    r.skip(wire);
                }
            }
            return names;
        } catch (RuntimeException e) { // malformed protobuf: OpenCV reports the real error when it loads the file
            return List.of();
        }
    }

    /** @return {start, end} of the first length-delimited field with this number in [from, to), or null */
    private int[] field(int from, int to, int wanted) {
        p = from;
        while (p < to) {
            long key = varint();
            int fieldNo = (int) (key >>> 3), wire = (int) (key & 7);
            if (wire == 2) {
                int len = length(to);
                if (fieldNo == wanted) {
                    return new int[] { p, p + len };
                }
                p += len;
            } else {
                skip(wire);
            }
        }
        return null;
    }

    private int length(int limit) {
        long len = varint();
        if (len < 0 || p + len > limit) {
            throw new IllegalArgumentException("truncated field");
        }
        return (int) len;
    }

    private void skip(int wire) {
        switch (wire) {
            case 0 -> varint();
            case 1 -> p += 8;
            case 5 -> p += 4;
            default -> throw new IllegalArgumentException("unsupported wire type " + wire);
        }
    }

    private long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int x = b[p++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                return v;
            }
        }
        throw new IllegalArgumentException("bad varint");
    }
}
