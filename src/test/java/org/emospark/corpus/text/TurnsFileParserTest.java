package org.emospark.corpus.text;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.emospark.reject.LineReject;
import org.emospark.reject.RejectReason;
import org.junit.jupiter.api.Test;

class TurnsFileParserTest {
    private static final String SOURCE = "turns/Devel_02.csv";

    private static ParsedLines<Turn> parse(String text) {
        return TurnsFileParser.parse(text.getBytes(UTF_8), SOURCE);
    }

    @Test
    void turnsDefaultToTheSubjectAndKeepAnExplicitSpeaker() {
        ParsedLines<Turn> parsed = parse("start;end\r\n0.5;2.25\r\n3;4;Interlocutor\r\n5;6;\r\n");
        assertEquals(List.of(new Turn(0.5, 2.25, "subject"), new Turn(3, 4, "interlocutor"), new Turn(5, 6, "subject")),
                parsed.records());
        assertEquals(List.of(), parsed.rejects());
    }

    @Test
    void eachBadTurnLineIsRejectedAndTheOthersStillCount() {
        ParsedLines<Turn> parsed = parse("0;1\nabc;2\n-1;2\n3;2\n1;nan\n1\n1;2;3;4\n1;2;moderator\n7;8\n");
        assertEquals(List.of(new Turn(0, 1, "subject"), new Turn(7, 8, "subject")), parsed.records());
        List<LineReject> rejects = parsed.rejects();
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8), rejects.stream().map(LineReject::lineNumber).toList());
        assertTrue(rejects.stream().allMatch(r -> r.reason() == RejectReason.BAD_TURN_LINE));
        assertEquals("turns/Devel_02.csv line 2: start abc is not a number (expected seconds, e.g. 12.34)",
                rejects.get(0).detail());
        assertTrue(rejects.get(1).detail().contains("start -1 is negative"));
        assertTrue(rejects.get(2).detail().contains("end 2 is before start 3"));
        assertTrue(rejects.get(3).detail().contains("end nan is not finite"));
        assertTrue(rejects.get(4).detail().contains("found 1 ';'-separated field(s)"));
        assertTrue(rejects.get(6).detail().contains("speaker 'moderator' is neither subject nor interlocutor"));
    }

    @Test
    void turnLineWithInvalidUtf8IsAnEncodingRejectAndTheOthersStillCount() {
        byte[] content = {'0', ';', '1', '\n', '2', ';', '3', ';', (byte) 0xff, '\n', '4', ';', '5', '\n'};
        ParsedLines<Turn> parsed = TurnsFileParser.parse(content, SOURCE);
        assertEquals(2, parsed.records().size());
        assertEquals(new LineReject(2, RejectReason.BAD_ENCODING,
                "turns/Devel_02.csv line 2: bytes ff (at byte 5 of the line) are not valid UTF-8"), parsed.rejects().get(0));
    }

    @Test
    void zeroLengthTurnIsAccepted() {
        assertEquals(List.of(new Turn(2, 2, "subject")), parse("2;2").records());
    }

    @Test
    void emptyTurnsFileGivesNoTurnsAndNoRejects() {
        ParsedLines<Turn> parsed = parse("");
        assertEquals(List.of(), parsed.records());
        assertEquals(List.of(), parsed.rejects());
    }
}
