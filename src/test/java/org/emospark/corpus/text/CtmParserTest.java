package org.emospark.corpus.text;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.LineReject;
import org.emospark.reject.RejectReason;
import org.junit.jupiter.api.Test;

class CtmParserTest {
    private static final String SOURCE = "asr/Train_01.ctm";

    private static GivenWords parse(String text) throws InputRejectedException {
        return CtmParser.parse(text.getBytes(UTF_8), SOURCE);
    }

    @Test
    void kaldiCtmGivesNormalisedWordsInTimeOrder() throws InputRejectedException {
        GivenWords parsed = parse(";; produced by steps/get_ctm.sh\r\n"
                + "Train_01 1 1.5 0.25 Welt 0.87\r\n"
                + "\r\n"
                + "Train_01 1 0.5 0.5 Hallo, 1.00\r\n"
                + "Train_01\t1\t2.0\t0\tSchön\r\n");
        assertEquals(List.of(new TimedWord(0, "hallo", 0.5, 1.0), new TimedWord(1, "welt", 1.5, 1.75),
                new TimedWord(2, "schön", 2.0, 2.0)), parsed.words());
        assertEquals(List.of(), parsed.rejects());
        assertEquals(0, parsed.dropped());
        assertEquals(0, parsed.filteredOut());
        assertEquals(parsed.words(), parsed.asParsedLines().records());
    }

    @Test
    void wordOfOnlyPunctuationIsDroppedAndCounted() throws InputRejectedException {
        GivenWords parsed = parse("r 1 0 0.1 ja\nr 1 0.1 0.1 ,\nr 1 0.2 0.1 -\nr 1 0.3 0.1 nein\n");
        assertEquals(List.of("ja", "nein"), parsed.words().stream().map(TimedWord::word).toList());
        assertEquals(List.of(0, 1), parsed.words().stream().map(TimedWord::wordIndex).toList());
        assertEquals(2, parsed.dropped());
    }

    @Test
    void wordOfTwoTokensSplitsItsSpanEvenly() throws InputRejectedException {
        GivenWords parsed = parse("r 1 1.0 0.5 great<laughter>\nr 1 2.0 0.5 ok\n");
        assertEquals(List.of(new TimedWord(0, "great", 1.0, 1.25), new TimedWord(1, "<laughter>", 1.25, 1.5),
                new TimedWord(2, "ok", 2.0, 2.5)), parsed.words());
    }

    @Test
    void oneRecordingIsReadFromACtmOfSeveral() throws InputRejectedException {
        String ctm = "Train_01 1 0.5 0.5 ja\nTrain_02 1 0.1 0.2 nein\nTrain_01 1 0.0 0.5 also\nTrain_02 1 x y z\n";
        GivenWords parsed = CtmParser.parse(ctm.getBytes(UTF_8), SOURCE, "Train_01");
        assertEquals(List.of(new TimedWord(0, "also", 0.0, 0.5), new TimedWord(1, "ja", 0.5, 1.0)), parsed.words());
        assertEquals(2, parsed.filteredOut());
        assertEquals(List.of(), parsed.rejects());
    }

    @Test
    void ctmOfSeveralRecordingsWithoutAFilterIsRefused() {
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> parse("Train_01 1 0.5 0.5 ja\nTrain_02 1 0.1 0.2 nein\n"));
        assertEquals(RejectReason.BAD_TRANSCRIPT_LINE, e.reason());
        assertEquals("asr/Train_01.ctm: holds words of 2 recordings (Train_01, Train_02); expected one, or name the "
                + "recording to read", e.detail());
    }

    @Test
    void channelsAreMergedUnlessOneIsAskedFor() throws InputRejectedException {
        String ctm = "r A 0.0 0.5 ja\nr B 0.2 0.5 nein\n";
        assertEquals(2, parse(ctm).words().size());
        GivenWords b = CtmParser.parse(ctm.getBytes(UTF_8), SOURCE, "r", "B");
        assertEquals(List.of(new TimedWord(0, "nein", 0.2, 0.7)), b.words());
        assertEquals(1, b.filteredOut());
    }

    @Test
    void eachBadLineIsRejectedAndTheOthersStillCount() throws InputRejectedException {
        GivenWords parsed = parse("r 1 0.0 0.5 ok\n"
                + "r 1 0.5 0.5\n"
                + "r 1 0.5 0.5 zu viele 0.9 x\n"
                + "r 1 abc 0.5 wort\n"
                + "r 1 0.5 -0.1 wort\n"
                + "r 1 nan 0.1 wort\n"
                + "r 1 -1 0.1 wort\n"
                + "r 1 0.5 0.1 wort hoch\n"
                + "r 1 1.0 0.5 gut\n");
        assertEquals(List.of("ok", "gut"), parsed.words().stream().map(TimedWord::word).toList());
        List<LineReject> rejects = parsed.rejects();
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8), rejects.stream().map(LineReject::lineNumber).toList());
        assertEquals(List.of(RejectReason.BAD_TRANSCRIPT_LINE, RejectReason.BAD_TRANSCRIPT_LINE,
                RejectReason.BAD_TRANSCRIPT_TIME, RejectReason.BAD_TRANSCRIPT_TIME, RejectReason.BAD_TRANSCRIPT_TIME,
                RejectReason.BAD_TRANSCRIPT_TIME, RejectReason.BAD_TRANSCRIPT_LINE),
                rejects.stream().map(LineReject::reason).toList());
        assertEquals("asr/Train_01.ctm line 2: expected 5 or 6 whitespace-separated fields (recording channel start "
                + "duration word [confidence]), found 4", rejects.get(0).detail());
        assertEquals("asr/Train_01.ctm line 4: start abc is not a number (expected seconds, e.g. 12.34)",
                rejects.get(2).detail());
        assertEquals("asr/Train_01.ctm line 5: duration -0.1 is negative (expected seconds >= 0)", rejects.get(3).detail());
        assertEquals("asr/Train_01.ctm line 6: start nan is not finite", rejects.get(4).detail());
        assertEquals("asr/Train_01.ctm line 7: start -1 is negative (expected seconds >= 0)", rejects.get(5).detail());
        assertEquals("asr/Train_01.ctm line 8: confidence 'hoch' is not a number (expected e.g. 0.93 after the word; "
                + "recording channel start duration word [confidence])", rejects.get(6).detail());
    }

    @Test
    void lineWithInvalidUtf8IsAnEncodingReject() throws InputRejectedException {
        byte[] content = {'r', ' ', '1', ' ', '0', ' ', '1', ' ', 'g', 'r', (byte) 0xfc, 'n', '\n',
            'r', ' ', '1', ' ', '1', ' ', '1', ' ', 'j', 'a', '\n'};
        GivenWords parsed = CtmParser.parse(content, SOURCE, "r");
        assertEquals(List.of(new TimedWord(0, "ja", 1.0, 2.0)), parsed.words());
        assertEquals(List.of(new LineReject(1, RejectReason.BAD_ENCODING,
                "asr/Train_01.ctm line 1: bytes fc (at byte 11 of the line) are not valid UTF-8")), parsed.rejects());
    }

    @Test
    void emptyCtmGivesNoWords() throws InputRejectedException {
        GivenWords parsed = parse(";; nothing recognised\n");
        assertEquals(List.of(), parsed.words());
        assertEquals(List.of(), parsed.rejects());
    }
}
