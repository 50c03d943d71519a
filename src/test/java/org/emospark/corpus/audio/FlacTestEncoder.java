package org.emospark.corpus.audio;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive FLAC writer for tests: every feature choice (subframe type, predictor,
 * residual partitions, Rice parameters, escapes, wasted bits, stereo mode, block sizes) is given by
 * the test, so the decoder meets the paths the reference encoder never takes. Its CRCs are computed
 * bit by bit, independently of the decoder's tables.
 */
final class FlacTestEncoder {
    static final int INDEPENDENT = 0;
    static final int LEFT_SIDE = 8;
    static final int SIDE_RIGHT = 9;
    static final int MID_SIDE = 10;

    /** How to code one subframe. Rice parameters per partition; {@code escape(bits)} for raw partitions. */
    record Sub(String type, int order, int[] coefs, int precision, int shift, int wasted, int partitionOrder,
               int method, int[] params) {
        static Sub constant() {
            return new Sub("constant", 0, null, 0, 0, 0, 0, 0, null);
        }

        static Sub verbatim() {
            return new Sub("verbatim", 0, null, 0, 0, 0, 0, 0, null);
        }

        static Sub fixed(int order, int partitionOrder, int method, int... params) {
            return new Sub("fixed", order, null, 0, 0, 0, partitionOrder, method, params);
        }

        static Sub lpc(int[] coefs, int precision, int shift, int partitionOrder, int method, int... params) {
            return new Sub("lpc", coefs.length, coefs, precision, shift, 0, partitionOrder, method, params);
        }

        Sub wasted(int bits) {
            return new Sub(type, order, coefs, precision, shift, bits, partitionOrder, method, params);
        }

        static int escape(int bits) {
            return -1 - bits;
        }
    }

    private final int rate;
    private final int channels;
    private final int bps;
    private final boolean variable;
    private final ByteArrayOutputStream frames = new ByteArrayOutputStream();
    private final List<Integer> frameEnds = new ArrayList<>();
    private final MessageDigest md5;
    private long samples;
    private int frameNumber;
    private int maxBlock;
    private int minBlock = Integer.MAX_VALUE;

    FlacTestEncoder(int rate, int channels, int bps, boolean variableBlocking) throws Exception {
        this.rate = rate;
        this.channels = channels;
        this.bps = bps;
        this.variable = variableBlocking;
        this.md5 = MessageDigest.getInstance("MD5");
    }

    /** Adds a frame; {@code block[c][i]} are the channel's samples. */
    FlacTestEncoder frame(int[][] block, int assignment, Sub... subs) {
        int n = block[0].length;
        BitWriter w = new BitWriter();
        w.bits(variable ? 0xFFF9 : 0xFFF8, 16);
        int blockCode = blockSizeCode(n);
        int rateCode = switch (rate) {
            case 8000 -> 4;
            case 16000 -> 5;
            case 22050 -> 6;
            case 44100 -> 9;
            case 48000 -> 10;
            default -> rate % 1000 == 0 && rate / 1000 < 256 ? 12 : 13;
        };
        w.bits(blockCode, 4);
        w.bits(rateCode, 4);
        w.bits(assignment == INDEPENDENT ? channels - 1 : assignment, 4);
        int sizeCode = switch (bps) {
            case 8 -> 1;
            case 12 -> 2;
            case 16 -> 4;
            case 20 -> 5;
            case 24 -> 6;
            default -> 0;
        };
        w.bits(sizeCode, 3);
        w.bits(0, 1);
        utf8(w, variable ? samples : frameNumber);
        if (blockCode == 6) {
            w.bits(n - 1, 8);
        } else if (blockCode == 7) {
            w.bits(n - 1, 16);
        }
        if (rateCode == 12) {
            w.bits(rate / 1000, 8);
        } else if (rateCode == 13) {
            w.bits(rate, 16);
        }
        w.bits(crc8(w.toByteArray()), 8);
        int[][] coded = decorrelate(block, assignment);
        for (int c = 0; c < channels; c++) {
            boolean side = (c == 1 && (assignment == LEFT_SIDE || assignment == MID_SIDE)) || (c == 0 && assignment == SIDE_RIGHT);
            subframe(w, coded[c], side ? bps + 1 : bps, subs[c]);
        }
        w.alignToByte();
        byte[] body = w.toByteArray();
        int crc = crc16(body);
        frames.writeBytes(body);
        frames.write(crc >>> 8);
        frames.write(crc & 0xFF);
        frameEnds.add(frames.size());
        updateMd5(block);
        samples += n;
        frameNumber++;
        maxBlock = Math.max(maxBlock, n);
        minBlock = Math.min(minBlock, n);
        return this;
    }

    /** The stream: fLaC, STREAMINFO (optionally with total samples and MD5), then the frames. */
    byte[] build(boolean declareTotal, boolean declareMd5) {
        BitWriter w = new BitWriter();
        w.bits(0x664C6143L, 32);
        w.bits(1, 1);
        w.bits(0, 7);
        w.bits(34, 24);
        w.bits(Math.max(16, Math.min(minBlock, 65535)), 16);
        w.bits(Math.max(16, maxBlock), 16);
        w.bits(0, 24);
        w.bits(0, 24);
        w.bits(rate, 20);
        w.bits(channels - 1, 3);
        w.bits(bps - 1, 5);
        w.bits(declareTotal ? samples : 0, 36);
        byte[] digest = declareMd5 ? md5Copy() : new byte[16];
        for (byte b : digest) {
            w.bits(b & 0xFF, 8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(w.toByteArray());
        out.writeBytes(frames.toByteArray());
        return out.toByteArray();
    }

    /** Length of the header part {@link #build} writes (fLaC plus STREAMINFO). */
    static int headerLength() {
        return 4 + 4 + 34;
    }

    /** Offsets, within the frame bytes, just after each frame. */
    List<Integer> frameEnds() {
        return frameEnds;
    }

    private byte[] md5Copy() {
        try {
            return ((MessageDigest) md5.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private int[][] decorrelate(int[][] b, int assignment) {
        if (assignment == INDEPENDENT) {
            return b;
        }
        int n = b[0].length;
        int[][] out = new int[2][n];
        for (int i = 0; i < n; i++) {
            int l = b[0][i];
            int r = b[1][i];
            switch (assignment) {
                case LEFT_SIDE -> {
                    out[0][i] = l;
                    out[1][i] = l - r;
                }
                case SIDE_RIGHT -> {
                    out[0][i] = l - r;
                    out[1][i] = r;
                }
                default -> {
                    out[0][i] = (l + r) >> 1;
                    out[1][i] = l - r;
                }
            }
        }
        return out;
    }

    private void subframe(BitWriter w, int[] s, int sbps, Sub sub) {
        w.bits(0, 1);
        int typeCode = switch (sub.type()) {
            case "constant" -> 0;
            case "verbatim" -> 1;
            case "fixed" -> 8 + sub.order();
            default -> 31 + sub.order();
        };
        w.bits(typeCode, 6);
        int n = s.length;
        int[] v = s;
        if (sub.wasted() > 0) {
            w.bits(1, 1);
            for (int i = 0; i < sub.wasted() - 1; i++) {
                w.bits(0, 1);
            }
            w.bits(1, 1);
            v = new int[n];
            for (int i = 0; i < n; i++) {
                if ((s[i] & ((1 << sub.wasted()) - 1)) != 0) {
                    throw new IllegalArgumentException("sample " + s[i] + " has no " + sub.wasted() + " wasted bits");
                }
                v[i] = s[i] >> sub.wasted();
            }
            sbps -= sub.wasted();
        } else {
            w.bits(0, 1);
        }
        switch (sub.type()) {
            case "constant" -> w.signed(v[0], sbps);
            case "verbatim" -> {
                for (int x : v) {
                    w.signed(x, sbps);
                }
            }
            case "fixed" -> {
                for (int i = 0; i < sub.order(); i++) {
                    w.signed(v[i], sbps);
                }
                int[] res = new int[n];
                for (int i = sub.order(); i < n; i++) {
                    long p = switch (sub.order()) {
                        case 0 -> 0;
                        case 1 -> v[i - 1];
                        case 2 -> 2L * v[i - 1] - v[i - 2];
                        case 3 -> 3L * v[i - 1] - 3L * v[i - 2] + v[i - 3];
                        default -> 4L * v[i - 1] - 6L * v[i - 2] + 4L * v[i - 3] - v[i - 4];
                    };
                    res[i] = (int) (v[i] - p);
                }
                residual(w, res, sub);
            }
            default -> {
                for (int i = 0; i < sub.order(); i++) {
                    w.signed(v[i], sbps);
                }
                w.bits(sub.precision() - 1, 4);
                w.signed(sub.shift(), 5);
                for (int c : sub.coefs()) {
                    w.signed(c, sub.precision());
                }
                int[] res = new int[n];
                for (int i = sub.order(); i < n; i++) {
                    long sum = 0;
                    for (int j = 0; j < sub.order(); j++) {
                        sum += (long) sub.coefs()[j] * v[i - 1 - j];
                    }
                    res[i] = (int) (v[i] - (sum >> sub.shift()));
                }
                residual(w, res, sub);
            }
        }
    }

    private static void residual(BitWriter w, int[] res, Sub sub) {
        int n = res.length;
        w.bits(sub.method(), 2);
        w.bits(sub.partitionOrder(), 4);
        int parts = 1 << sub.partitionOrder();
        int size = n >> sub.partitionOrder();
        int paramBits = sub.method() == 0 ? 4 : 5;
        int i = sub.order();
        for (int p = 0; p < parts; p++) {
            int end = (p + 1) * size;
            int k = sub.params()[p % sub.params().length];
            if (k < 0) {
                int bits = -1 - k;
                w.bits((1 << paramBits) - 1, paramBits);
                w.bits(bits, 5);
                for (; i < end; i++) {
                    w.signed(res[i], bits);
                }
            } else {
                w.bits(k, paramBits);
                for (; i < end; i++) {
                    long u = res[i] >= 0 ? 2L * res[i] : -2L * res[i] - 1;
                    long q = u >>> k;
                    for (long z = 0; z < q; z++) {
                        w.bits(0, 1);
                    }
                    w.bits(1, 1);
                    w.bits(u & ((1L << k) - 1), k);
                }
            }
        }
    }

    private void updateMd5(int[][] block) {
        int bytes = (bps + 7) / 8;
        for (int i = 0; i < block[0].length; i++) {
            for (int[] ch : block) {
                for (int k = 0; k < bytes; k++) {
                    md5.update((byte) (ch[i] >> (8 * k)));
                }
            }
        }
    }

    private static int blockSizeCode(int n) {
        if (n == 192) {
            return 1;
        }
        for (int k = 0; k < 4; k++) {
            if (n == 576 << k) {
                return 2 + k;
            }
        }
        for (int k = 0; k < 8; k++) {
            if (n == 256 << k) {
                return 8 + k;
            }
        }
        return n <= 256 ? 6 : 7;
    }

    private static void utf8(BitWriter w, long v) {
        if (v < 0x80) {
            w.bits(v, 8);
            return;
        }
        int n = 2;
        while (v >= 1L << (5 * n + 1)) {
            n++;
        }
        w.bits(((0xFF00 >> n) & 0xFF) | (v >>> (6 * (n - 1))), 8);
        for (int i = n - 2; i >= 0; i--) {
            w.bits(0x80 | ((v >>> (6 * i)) & 0x3F), 8);
        }
    }

    static int crc8(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    static int crc16(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 8;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }

    /** MSB-first bit writer. */
    static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int acc;
        private int count;

        void bits(long value, int n) {
            for (int i = n - 1; i >= 0; i--) {
                acc = (acc << 1) | (int) ((value >>> i) & 1);
                if (++count == 8) {
                    out.write(acc);
                    acc = 0;
                    count = 0;
                }
            }
        }

        void signed(long value, int n) {
            bits(value & ((1L << n) - 1), n);
        }

        void alignToByte() {
            while (count != 0) {
                bits(0, 1);
            }
        }

        byte[] toByteArray() {
            if (count != 0) {
                throw new IllegalStateException("not byte-aligned");
            }
            return out.toByteArray();
        }
    }
}
