package org.emospark.features.embedding;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Run by {@link OovVectorsTest} in a second JVM: prints the OOV vectors of words given as hex of
 * their UTF-8 bytes (so the child's locale cannot mangle non-ASCII arguments), one line per word:
 * {@code hexword seed bits1 bits2 ...}, all in hex, ASCII only.
 */
public final class OovVectorsProbe {
    private OovVectorsProbe() {
    }

    public static void main(String[] args) {
        int dims = Integer.parseInt(args[0]);
        double scale = Double.parseDouble(args[1]);
        OovVectors oov = OovVectors.symmetric(dims, scale);
        for (int i = 2; i < args.length; i++) {
            String word = new String(HexFormat.of().parseHex(args[i]), StandardCharsets.UTF_8);
            System.out.println(line(word, oov));
        }
    }

    static String line(String word, OovVectors oov) {
        StringBuilder sb = new StringBuilder(HexFormat.of().formatHex(word.getBytes(StandardCharsets.UTF_8)));
        sb.append(' ').append(Long.toHexString(OovVectors.seedOf(word)));
        for (float v : oov.vectorFor(word)) {
            sb.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(v)));
        }
        return sb.toString();
    }
}
