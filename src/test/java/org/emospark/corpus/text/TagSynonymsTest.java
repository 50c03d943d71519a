package org.emospark.corpus.text;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TagSynonymsTest {

    @Test
    void defaultTableMapsTheAvecTagsToWords() {
        TagSynonyms synonyms = TagSynonyms.defaults();
        assertEquals("laughter", synonyms.wordFor("<laughter>"));
        assertEquals("breathing", synonyms.wordFor("<breathing>"));
        assertEquals("cough", synonyms.wordFor("<coughing>"));
        assertEquals("throat", synonyms.wordFor("<clearingthroat>"));
        assertEquals("um", synonyms.wordFor("<filler>"));
        assertEquals("noise", synonyms.wordFor("<noise>"));
        assertEquals("unintelligible", synonyms.wordFor("<unintelligible>"));
    }

    @Test
    void unknownTagMapsToItsNameAndAWordToItself() {
        TagSynonyms synonyms = TagSynonyms.defaults();
        assertEquals("sigh", synonyms.wordFor("<sigh>"));
        assertEquals("hallo", synonyms.wordFor("hallo"));
    }

    @Test
    void ownTableReplacesTheDefaults() {
        TagSynonyms synonyms = TagSynonyms.load("# German\n<laughter>\tLachen\r\n\n<clearingthroat>\träuspern\n"
                .getBytes(UTF_8), "my-tags.tsv");
        assertEquals("lachen", synonyms.wordFor("<laughter>"));
        assertEquals("räuspern", synonyms.wordFor("<clearingthroat>"));
        assertEquals("breathing", synonyms.wordFor("<breathing>"));
    }

    @Test
    void malformedTableLinesNameFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TagSynonyms.load("<laughter>\tlaughter\nlaughter\tx\n".getBytes(UTF_8), "t.tsv"));
        assertTrue(e.getMessage().startsWith("t.tsv line 2: 'laughter' is not a tag"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TagSynonyms.load("<a>\ttwo words\n".getBytes(UTF_8), "t.tsv"));
        assertTrue(e.getMessage().contains("is not one word"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TagSynonyms.load("<a>\tx\n<a>\ty\n".getBytes(UTF_8), "t.tsv"));
        assertTrue(e.getMessage().contains("line 2: tag <a> is listed twice"), e.getMessage());
    }
}
