package org.emospark.corpus.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void punctuationIsStrippedAndTextLowerCased() {
        assertEquals(List.of("hallo", "wie", "geht", "es", "dir"), TextNormalizer.normalize("Hallo!  Wie (geht) es,dir?"));
    }

    @Test
    void umlautsAndSharpSSurvive() {
        assertEquals(List.of("schöne", "grüße", "aus", "österreich", "straße"),
                TextNormalizer.normalize("Schöne Grüße aus ÖSTERREICH, Straße."));
    }

    @Test
    void decomposedUmlautIsComposed() {
        assertEquals(List.of("schön"), TextNormalizer.normalize("scho\u0308n"));
    }

    @Test
    void apostropheInsideAWordStaysAndQuotesAroundWordsGo() {
        assertEquals(List.of("don't", "geht's", "hallo"), TextNormalizer.normalize("'Don’t' geht´s 'hallo'"));
        assertEquals("gehts", TextNormalizer.withoutApostrophes("geht's"));
    }

    @Test
    void punctuationSeparatesRatherThanJoins() {
        assertEquals(List.of("baden", "württemberg", "ja", "nein"), TextNormalizer.normalize("Baden-Württemberg ja,nein"));
    }

    @Test
    void digitsAreKept() {
        assertEquals(List.of("um", "3", "uhr"), TextNormalizer.normalize("um 3 Uhr"));
    }

    @Test
    void tagsGluedToWordsBecomeSeparateTokens() {
        assertEquals(List.of("great", "<laughter>", "really"), TextNormalizer.normalize("great<laughter>really"));
        assertEquals(List.of("ja", "<breathing>"), TextNormalizer.normalize("ja.<Breathing>"));
    }

    @Test
    void tagSpellingsAreUnified() {
        assertEquals(List.of("<clearingthroat>", "<clearingthroat>", "<clearingthroat>"),
                TextNormalizer.normalize("<clearing throat> <Clearing_Throat><clearing-throat>"));
    }

    @Test
    void angleBracketsThatFormNoTagArePunctuation() {
        assertEquals(List.of("a", "b", "c"), TextNormalizer.normalize("a < b > c"));
        assertEquals(List.of("x"), TextNormalizer.normalize("<>x<"));
    }

    @Test
    void fillerIsKeptAsAToken() {
        assertEquals(List.of("<filler>", "ja"), TextNormalizer.normalize("<filler> ja"));
    }

    @Test
    void onlyFillerAndEmptyTokenListsAreSkippable() {
        assertTrue(TextNormalizer.isOnlyFiller(List.of("<filler>", "<filler>")));
        assertFalse(TextNormalizer.isOnlyFiller(List.of()));
        assertFalse(TextNormalizer.isOnlyFiller(List.of("<filler>", "ja")));
        assertTrue(TextNormalizer.isEmptyOrOnlyFiller(List.of()));
        assertTrue(TextNormalizer.isEmptyOrOnlyFiller(TextNormalizer.normalize("... !")));
        assertFalse(TextNormalizer.isEmptyOrOnlyFiller(List.of("<laughter>")));
    }

    @Test
    void otherScriptsAreLetters() {
        assertEquals(List.of("привет", "мир"), TextNormalizer.normalize("Привет, мир!"));
    }

    @Test
    void spokenCharactersCountUnicodeLettersAndDigitsAndNothingOfATag() {
        assertEquals(5, TextNormalizer.spokenCharacters("größe"));
        assertEquals(3, TextNormalizer.spokenCharacters("n'a-t"));
        assertEquals(2, TextNormalizer.spokenCharacters("42"));
        assertEquals(0, TextNormalizer.spokenCharacters("<laughter>"));
    }
}
