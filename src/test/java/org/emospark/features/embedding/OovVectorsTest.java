package org.emospark.features.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OovVectorsTest {
    private static final List<String> WORDS = List.of("hallo", "schön", "laughter", "", "straße", "\uD83D\uDE00");

    @Test
    void seedIsTheFirstEightBytesOfSha256OfTheUtf8Bytes() {
        // printf 'hallo' | sha256sum -> d3751d33f9cd5049...
        assertEquals(0xd3751d33f9cd5049L, OovVectors.seedOf("hallo"));
        assertEquals(0x1a028e829b255703L, OovVectors.seedOf("schön"));
    }

    @Test
    void valuesArePinnedSoAJdkThatChangesSplittableRandomIsNoticed() {
        // Computed independently (SplitMix64 re-implemented in Python): nextDouble(-0.25, 0.25) narrowed to float.
        OovVectors oov = OovVectors.withDefaultScale(4);
        assertArrayEquals(bits(0x3d659cb8, 0xbd4a3b4d, 0xbdb3c34f, 0xbdf87ca9), oov.vectorFor("hallo"));
        assertArrayEquals(bits(0xbd035e41, 0x3e09388b, 0x3d8f2c68, 0xbdf942b7), oov.vectorFor("schön"));
    }

    @Test
    void sameWordGivesTheSameVectorAndAnotherWordAnother() {
        OovVectors oov = OovVectors.withDefaultScale(100);
        assertArrayEquals(oov.vectorFor("schön"), oov.vectorFor("schön"));
        assertArrayEquals(oov.vectorFor("schön"), OovVectors.withDefaultScale(100).vectorFor(new String("schön")));
        assertFalse(Arrays.equals(oov.vectorFor("schön"), oov.vectorFor("schon")));
        // The word is hashed as given: a decomposed ö is another word (normalise tokens first).
        assertFalse(Arrays.equals(oov.vectorFor("schön"), oov.vectorFor("scho\u0308n")));
        float[] into = new float[102];
        oov.copyInto("schön", into, 2);
        assertArrayEquals(oov.vectorFor("schön"), Arrays.copyOfRange(into, 2, 102));
    }

    @Test
    void valuesLieInTheConfiguredRange() {
        for (String word : WORDS) {
            for (float v : OovVectors.withDefaultScale(1000).vectorFor(word)) {
                assertTrue(v >= -0.25f && v <= 0.25f, word + ": " + v);
            }
            for (float v : OovVectors.symmetric(1000, 2).vectorFor(word)) {
                assertTrue(v >= -2f && v <= 2f, word + ": " + v);
            }
            for (float v : OovVectors.uniform(1000, 0, 1).vectorFor(word)) {
                assertTrue(v >= 0f && v <= 1f, word + ": " + v);
            }
        }
        float[] wide = OovVectors.withDefaultScale(10_000).vectorFor("spread");
        double mean = 0;
        for (float v : wide) {
            mean += v / wide.length;
        }
        assertEquals(0, mean, 0.01);
    }

    @Test
    void invalidConfigurationIsRefused() {
        assertEquals("OOV scale must be a positive finite number, cannot be: 0.0",
                assertThrows(IllegalArgumentException.class, () -> OovVectors.symmetric(10, 0)).getMessage());
        assertEquals("OOV range must be finite with min < max, cannot be: [1.0, 1.0)",
                assertThrows(IllegalArgumentException.class, () -> OovVectors.uniform(10, 1, 1)).getMessage());
        assertEquals("Vector dimensions must be at least 1, cannot be: 0",
                assertThrows(IllegalArgumentException.class, () -> OovVectors.withDefaultScale(0)).getMessage());
    }

    @Test
    void sameVectorsInASecondJvm() throws IOException, InterruptedException, URISyntaxException {
        OovVectors oov = OovVectors.symmetric(100, 0.25);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), OovVectorsProbe.class.getName(), "100", "0.25"));
        List<String> expected = new ArrayList<>();
        for (String word : WORDS) {
            command.add(HexFormat.of().formatHex(word.getBytes(StandardCharsets.UTF_8)));
            expected.add(OovVectorsProbe.line(word, oov));
        }
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "second JVM did not finish");
        assertEquals(0, child.exitValue(), output);
        assertEquals(expected, output.lines().toList());
    }

    /** The test class path plus, in case surefire hides it in a manifest-only jar, the two class folders. */
    private static String classPath() throws URISyntaxException {
        return String.join(File.pathSeparator, System.getProperty("java.class.path"),
                Path.of(OovVectors.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                Path.of(OovVectorsProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }

    private static float[] bits(int... bits) {
        float[] v = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            v[i] = Float.intBitsToFloat(bits[i]);
        }
        return v;
    }
}
