package org.emospark.corpus.text;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.emospark.reject.LineReject;
import org.emospark.reject.RejectReason;
import org.junit.jupiter.api.Test;

class TranscriptParserTest {
    private static final String SOURCE = "transcriptions/Train_01.csv";

    private static TranscriptParse parse(String text) {
        return TranscriptParser.parse(text.getBytes(UTF_8), SOURCE);
    }

    @Test
    void utteranceLosesItsSingleQuotesAndGetsNormalisedTokens() {
        TranscriptParse parsed = parse("0.5;2.75;'Na ja, ich weiß nicht.'\n");
        assertEquals(List.of(new Utterance(1, 0.5, 2.75, "Na ja, ich weiß nicht.", List.of("na", "ja", "ich", "weiß", "nicht"))),
                parsed.utterances());
        assertEquals(List.of(), parsed.rejects());
        assertEquals(0, parsed.skippedCount());
    }

    @Test
    void pipeQuotedTextMayContainSemicolons() {
        TranscriptParse parsed = parse("1;2;|'ja; genau'|\n3;4;|'a || b'|\n");
        assertEquals("ja; genau", parsed.utterances().get(0).text());
        assertEquals(List.of("ja", "genau"), parsed.utterances().get(0).tokens());
        assertEquals("a | b", parsed.utterances().get(1).text());
    }

    @Test
    void pipeQuotedTimesAreAccepted() {
        assertEquals(1, parse("|1.0|;|2.0|;'hallo'").utterances().size());
    }

    @Test
    void unclosedPipeQuoteIsABadTranscriptLine() {
        LineReject reject = parse("1;2;|'ja; genau'\n").rejects().get(0);
        assertEquals(RejectReason.BAD_TRANSCRIPT_LINE, reject.reason());
        assertTrue(reject.detail().startsWith("transcriptions/Train_01.csv line 1: field 3 opens a | quote"), reject.detail());
    }

    @Test
    void unquotedSemicolonInTextIsABadTranscriptLine() {
        LineReject reject = parse("1;2;'ja; genau'\n").rejects().get(0);
        assertEquals(RejectReason.BAD_TRANSCRIPT_LINE, reject.reason());
        assertTrue(reject.detail().contains("line 1: expected 3 fields start_s;end_s;'text'"), reject.detail());
        assertTrue(reject.detail().endsWith("found 4"), reject.detail());
    }

    @Test
    void lineWithoutTextFieldIsABadTranscriptLine() {
        assertEquals(RejectReason.BAD_TRANSCRIPT_LINE, parse("1;2\n").rejects().get(0).reason());
    }

    @Test
    void textWithoutSingleQuotesIsTolerated() {
        assertEquals(List.of("guten", "tag"), parse("1;2;Guten Tag\n").utterances().get(0).tokens());
    }

    @Test
    void badTimesAreRejectedAndTheOtherLinesSurvive() {
        TranscriptParse parsed = parse("x;2;'a'\n-1;2;'b'\n3;2;'c'\n1;Infinity;'d'\n4;5;'e'\n");
        assertEquals(List.of(5), parsed.utterances().stream().map(Utterance::lineNumber).toList());
        assertEquals(4, parsed.rejects().size());
        assertTrue(parsed.rejects().stream().allMatch(r -> r.reason() == RejectReason.BAD_TRANSCRIPT_TIME));
        assertEquals("transcriptions/Train_01.csv line 3: end 2 is before start 3", parsed.rejects().get(2).detail());
    }

    @Test
    void invalidUtf8OnOneLineRejectsOnlyThatLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("1;2;'schön'\r\n".getBytes(UTF_8));
        out.write(new byte[] {'3', ';', '4', ';', '\'', 'a', (byte) 0xc3, '(', '\'', '\r', '\n'});
        out.write("5;6;'Grüße'\r\n".getBytes(UTF_8));
        TranscriptParse parsed = TranscriptParser.parse(out.toByteArray(), SOURCE);
        assertEquals(List.of("schön", "grüße"),
                parsed.utterances().stream().map(u -> u.tokens().get(0)).toList());
        assertEquals(List.of(new LineReject(2, RejectReason.BAD_ENCODING,
                "transcriptions/Train_01.csv line 2: bytes c3 28 (at byte 7 of the line) are not valid UTF-8")),
                parsed.rejects());
    }

    @Test
    void emptyAndFillerOnlyRowsGiveNoWordsAndAreKeptApartForTheirTimes() {
        TranscriptParse parsed = parse("1;2;''\n2;3;'<filler>'\n3;4;'<filler> ... <filler>'\n4;5;'...'\n"
                + "5;6;'<filler> ja'\n6;7;'<laughter>'\n");
        assertEquals(List.of(1, 2, 3, 4), parsed.skippedLines());
        assertEquals(4, parsed.skippedCount());
        assertEquals(List.of(List.of("<filler>", "ja"), List.of("<laughter>")),
                parsed.utterances().stream().map(Utterance::tokens).toList());
        assertEquals(List.of(List.of(), List.of("<filler>"), List.of("<filler>", "<filler>"), List.of()),
                parsed.wordless().stream().map(Utterance::tokens).toList());
        assertEquals(List.of(2.0, 3.0, 4.0, 5.0, 6.0, 7.0), parsed.rowsInFileOrder().stream().map(Utterance::endS).toList());
        assertEquals(List.of(true, true, true, true, false, false),
                parsed.rowsInFileOrder().stream().map(Utterance::wordless).toList());
        assertEquals(List.of(), parsed.rejects());
    }

    @Test
    void headerLineIsTolerated() {
        TranscriptParse parsed = parse("start;end;text\n1;2;'a'\n");
        assertEquals(1, parsed.utterances().size());
        assertEquals(List.of(), parsed.rejects());
    }

    @Test
    void asParsedLinesKeepsUtterancesAndRejects() {
        TranscriptParse parsed = parse("1;2;'a'\nx;2;'b'\n");
        assertEquals(parsed.utterances(), parsed.asParsedLines().records());
        assertEquals(parsed.rejects(), parsed.asParsedLines().rejects());
    }
}
