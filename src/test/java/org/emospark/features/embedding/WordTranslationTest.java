package org.emospark.features.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WordTranslationTest {
    /** The same words in another space: rotated, three times as long, with a little noise. */
    @Test
    void aRotatedCopyIsTranslatedWordForWordAndARandomRotationIsNot() {
        int d = 16;
        SplittableRandom random = new SplittableRandom(11);
        ProcrustesAlignment hidden = ProcrustesAlignment.random(d, 99);
        WordVectors.Builder target = WordVectors.builder(d);
        WordVectors.Builder source = WordVectors.builder(d);
        for (int i = 0; i < 300; i++) {
            float[] y = ProcrustesAlignmentTest.gaussian(random, d);
            target.put("word" + i, y);
            float[] x = hidden.apply(y);
            float[] noise = ProcrustesAlignmentTest.gaussian(random, d);
            for (int k = 0; k < d; k++) {
                x[k] = 3 * x[k] + 0.05f * noise[k];
            }
            source.put("word" + i, x);
        }
        source.put("only-in-source", ProcrustesAlignmentTest.gaussian(random, d));

        WordTranslation.Report report = WordTranslation.align(source.build(), target.build(), "target-set").report();

        assertEquals(300, report.dictionaryWords() + report.heldOutWords(), "the shared words, split");
        assertTrue(report.heldOutWords() > 30 && report.heldOutWords() < 90, "about one in five held out: " + report);
        assertTrue(report.precisionAt1() >= 0.95, report.toString());
        assertEquals(1.0, report.precisionAt5(), 1e-9, report.toString());
        assertTrue(report.randomPrecisionAt5() <= 0.2, report.toString());
        assertEquals(1.0 / 3, report.scale(), 0.01);
        assertTrue(report.describe().startsWith("aligned into target-set by Procrustes on "), report.describe());
    }

    @Test
    void tooFewSharedWordsAreAClearError() {
        WordVectors.Builder target = WordVectors.builder(2);
        WordVectors.Builder source = WordVectors.builder(2);
        for (int i = 0; i < 8; i++) {
            target.put("w" + i, new float[] {i, 1});
            source.put("w" + i, new float[] {1, i});
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WordTranslation.align(source.build(), target.build(), "small"));
        assertTrue(e.getMessage().startsWith("Too few words shared with small to align to it: 8 ("), e.getMessage());
        assertTrue(e.getMessage().contains("at least 10 and 5 needed"), e.getMessage());
    }

    /** 39 shared words in 100 dimensions translated nothing (two sample corpora with their own vocabularies). */
    @Test
    void fewerWordsToFitOnThanDimensionsAreRefused() {
        SplittableRandom random = new SplittableRandom(5);
        WordVectors.Builder target = WordVectors.builder(40);
        WordVectors.Builder source = WordVectors.builder(40);
        for (int i = 0; i < 45; i++) {
            target.put("w" + i, ProcrustesAlignmentTest.gaussian(random, 40));
            source.put("w" + i, ProcrustesAlignmentTest.gaussian(random, 40));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WordTranslation.align(source.build(), target.build(), "wide"));
        assertTrue(e.getMessage().contains("at least 40 and 5 needed, the fit at least as many as the vectors have "
                + "dimensions"), e.getMessage());
    }

    @Test
    void setsOfOtherSizesCannotBeRotatedIntoEachOther() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WordTranslation.align(WordVectors.builder(3).build(), WordVectors.builder(4).build(), "w2v-x"));
        assertEquals("Cannot align a set of 3 dims into w2v-x of 4 dims: a rotation keeps the number of dimensions",
                e.getMessage());
    }
}
