package org.emospark.corpus.text;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.LineReject;
import org.emospark.reject.RejectReason;
import org.junit.jupiter.api.Test;

class JsonWordsParserTest {
    private static final String SOURCE = "asr/Devel_03.json";

    private static GivenWords parse(String json) throws InputRejectedException {
        return JsonWordsParser.parse(json.getBytes(UTF_8), SOURCE);
    }

    private static InputRejectedException refused(String json) {
        return assertThrows(InputRejectedException.class, () -> parse(json));
    }

    @Test
    void objectWithWordsGivesNormalisedWordsInTimeOrder() throws InputRejectedException {
        GivenWords parsed = parse("{\"text\": \"Hallo Welt\", \"words\": ["
                + "{\"word\": \"Welt!\", \"start\": 0.75, \"end\": 1.0, \"confidence\": 0.9},"
                + "{\"word\": \"Hallo\", \"start\": 0.25, \"end\": 0.5}]}");
        assertEquals(List.of(new TimedWord(0, "hallo", 0.25, 0.5), new TimedWord(1, "welt", 0.75, 1.0)), parsed.words());
        assertEquals(List.of(), parsed.rejects());
    }

    @Test
    void textAndStartTimeAliasesAndNumericStringsAreAccepted() throws InputRejectedException {
        GivenWords parsed = parse("{\"words\": [{\"text\": \"ja\", \"start_time\": \"0.44\", \"end_time\": \"0.6\"},"
                + "{\"text\": \"gut\", \"start\": 1, \"end\": 2}]}");
        assertEquals(List.of(new TimedWord(0, "ja", 0.44, 0.6), new TimedWord(1, "gut", 1.0, 2.0)), parsed.words());
    }

    @Test
    void topLevelArrayOfEntries() throws InputRejectedException {
        assertEquals(List.of(new TimedWord(0, "ja", 0.0, 0.5)),
                parse("[{\"word\": \"ja\", \"start\": 0, \"end\": 0.5}]").words());
    }

    @Test
    void whisperSegmentsWithWordsAreRead() throws InputRejectedException {
        GivenWords parsed = parse("{\"text\": \" Ja, genau. Gut.\", \"language\": \"de\", \"segments\": ["
                + "{\"id\": 0, \"start\": 0.0, \"end\": 1.2, \"text\": \" Ja, genau.\", \"words\": ["
                + "  {\"word\": \" Ja,\", \"start\": 0.0, \"end\": 0.4, \"probability\": 0.91},"
                + "  {\"word\": \" genau.\", \"start\": 0.4, \"end\": 1.2, \"probability\": 0.88}]},"
                + "{\"id\": 1, \"start\": 1.5, \"end\": 2.0, \"text\": \" Gut.\", \"words\": ["
                + "  {\"word\": \" Gut.\", \"start\": 1.5, \"end\": 2.0, \"probability\": 0.95}]}]}");
        assertEquals(List.of(new TimedWord(0, "ja", 0.0, 0.4), new TimedWord(1, "genau", 0.4, 1.2),
                new TimedWord(2, "gut", 1.5, 2.0)), parsed.words());
    }

    @Test
    void whisperXWordSegmentsAreRead() throws InputRejectedException {
        GivenWords parsed = parse("{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": \"x\"}], \"word_segments\": ["
                + "{\"word\": \"okay\", \"start\": 0.1, \"end\": 0.9, \"score\": 0.7}]}");
        assertEquals(List.of(new TimedWord(0, "okay", 0.1, 0.9)), parsed.words());
    }

    @Test
    void entryOfTwoTokensIsSplitEvenlyAndPunctuationIsDropped() throws InputRejectedException {
        GivenWords parsed = parse("{\"words\": [{\"word\": \"Baden-Württemberg\", \"start\": 1.0, \"end\": 2.0},"
                + "{\"word\": \"...\", \"start\": 2.0, \"end\": 2.1}]}");
        assertEquals(List.of(new TimedWord(0, "baden", 1.0, 1.5), new TimedWord(1, "württemberg", 1.5, 2.0)),
                parsed.words());
        assertEquals(1, parsed.dropped());
    }

    @Test
    void eachBadEntryIsRejectedWithItsNumberAndPath() throws InputRejectedException {
        GivenWords parsed = parse("{\"segments\": [{\"words\": ["
                + "{\"word\": \"eins\", \"start\": 0.0, \"end\": 0.5},"
                + "{\"word\": \"zwei\", \"end\": 0.9},"
                + "{\"word\": \"drei\", \"start\": 1.5, \"end\": 1.2}]},"
                + "{\"words\": ["
                + "{\"word\": \"vier\", \"start\": NaN, \"end\": 2.0},"
                + "{\"word\": \"fünf\", \"start\": null, \"end\": 2.0},"
                + "{\"word\": \"sechs\", \"start\": \"bald\", \"end\": 2.0},"
                + "{\"word\": \"sieben\", \"start\": -1, \"end\": 2.0},"
                + "\"acht\","
                + "{\"start\": 3.0, \"end\": 3.5},"
                + "{\"word\": 9, \"start\": 3.0, \"end\": 3.5},"
                + "{\"word\": \"zehn\", \"start\": 4.0, \"end\": Infinity},"
                + "{\"word\": \"elf\", \"start\": 5.0, \"end\": 5.5}]}]}");
        assertEquals(List.of("eins", "elf"), parsed.words().stream().map(TimedWord::word).toList());
        List<LineReject> rejects = parsed.rejects();
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11), rejects.stream().map(LineReject::lineNumber).toList());
        assertEquals(new LineReject(2, RejectReason.BAD_TRANSCRIPT_TIME,
                "asr/Devel_03.json word entry 2 (segments[0].words[1]): has no 'start' (or 'start_time') time"), rejects.get(0));
        assertEquals("asr/Devel_03.json word entry 3 (segments[0].words[2]): end 1.2 is before start 1.5",
                rejects.get(1).detail());
        assertEquals("asr/Devel_03.json word entry 4 (segments[1].words[0]): start NaN is not finite", rejects.get(2).detail());
        assertTrue(rejects.get(3).detail().endsWith("start is null (expected seconds)"));
        assertTrue(rejects.get(4).detail().endsWith("start \"bald\" is not a number (expected seconds, e.g. 12.34)"));
        assertTrue(rejects.get(5).detail().endsWith("start -1 is negative (expected seconds >= 0)"));
        assertEquals(new LineReject(8, RejectReason.BAD_TRANSCRIPT_LINE,
                "asr/Devel_03.json word entry 8 (segments[1].words[4]): expected an object {word, start, end}, found a string"),
                rejects.get(6));
        assertEquals(RejectReason.BAD_TRANSCRIPT_LINE, rejects.get(7).reason());
        assertTrue(rejects.get(7).detail().endsWith("has no 'word' (or 'text') string"));
        assertTrue(rejects.get(8).detail().endsWith("'word' is a number, not a string"));
        assertTrue(rejects.get(9).detail().endsWith("end Infinity is not finite"));
    }

    @Test
    void malformedJsonRefusesTheWholeFileNamingLineAndColumn() {
        InputRejectedException e = refused("{\"words\": [\n  {\"word\": \"ja\" \"start\": 0}\n]}");
        assertEquals(RejectReason.BAD_TRANSCRIPT_LINE, e.reason());
        assertTrue(e.detail().startsWith("asr/Devel_03.json line 2 column 18: not valid JSON (expected an object with"),
                e.detail());
        assertTrue(refused("{\"words\": []} trailing").detail().contains("not valid JSON"));
    }

    @Test
    void jsonOfAnotherShapeRefusesTheWholeFile() {
        assertEquals("asr/Devel_03.json: expected an object with 'words', 'word_segments' or 'segments[].words', or an "
                + "array of word entries; found an object with the keys [text, language]",
                refused("{\"text\": \"hallo\", \"language\": \"de\"}").detail());
        assertTrue(refused("{\"words\": {\"word\": \"x\"}}").detail().endsWith("'words' is a object, not an array"));
        assertTrue(refused("{\"segments\": [{\"text\": \"hallo\", \"start\": 0, \"end\": 1}]}").detail()
                .endsWith("segments[0] has no 'words' array (Whisper writes one with word_timestamps=True)"));
        assertTrue(refused("42").detail().endsWith("found a JSON number"));
        assertEquals("asr/Devel_03.json: the file is empty (expected an object with 'words', 'word_segments' or "
                + "'segments[].words', or an array of word entries)", refused("  ").detail());
    }

    @Test
    void invalidUtf8RefusesTheWholeFileAsAnEncodingProblem() {
        byte[] content = "{\"words\": [\n{\"word\": \"gr?n\", \"start\": 0, \"end\": 1}]}".getBytes(UTF_8);
        content[new String(content, UTF_8).indexOf('?')] = (byte) 0xfc;
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> JsonWordsParser.parse(content, SOURCE));
        assertEquals(RejectReason.BAD_ENCODING, e.reason());
        assertEquals("asr/Devel_03.json line 2: bytes fc (at byte 13 of the line) are not valid UTF-8", e.detail());
    }

    @Test
    void emptyWordsGiveNoWords() throws InputRejectedException {
        GivenWords parsed = parse("\uFEFF{\"words\": []}");
        assertEquals(List.of(), parsed.words());
        assertEquals(List.of(), parsed.rejects());
    }
}
