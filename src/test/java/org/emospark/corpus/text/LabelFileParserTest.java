package org.emospark.corpus.text;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;
import org.junit.jupiter.api.Test;

class LabelFileParserTest {
    private static final String SOURCE = "labels/Train_03.csv";

    private static List<LabelRow> parse(String text) throws InputRejectedException {
        return LabelFileParser.parse(text.getBytes(UTF_8), SOURCE);
    }

    private static InputRejectedException rejected(String text, String expectedRecording) {
        return assertThrows(InputRejectedException.class,
                () -> LabelFileParser.parse(text.getBytes(UTF_8), SOURCE, expectedRecording));
    }

    private static InputRejectedException rejected(String text) {
        return rejected(text, null);
    }

    @Test
    void wellFormedRowsBecomeFramesOfTenthSeconds() throws Exception {
        List<LabelRow> rows = parse("Train_03;0.0;0.1;-0.2;0.3\nTrain_03;0.1;1;-1;0\nTrain_03;0.2;0.5;0.5;0.5\n");
        assertEquals(3, rows.size());
        assertEquals(new LabelRow(0, 0.0, 0.1, -0.2, 0.3), rows.get(0));
        assertEquals(new LabelRow(2, 0.2, 0.5, 0.5, 0.5), rows.get(2));
    }

    @Test
    void crlfHeaderBlankLinesAndMissingFinalNewlineAreTolerated() throws Exception {
        List<LabelRow> rows = parse("name;time;arousal;valence;liking\r\n\r\nTrain_03;0.300;0.1;0.2;0.3\r\n"
                + "Train_03;0.400;0.1;0.2;0.3");
        assertEquals(List.of(3, 4), rows.stream().map(LabelRow::frame).toList());
    }

    @Test
    void quotedNameMatchesTheExpectedRecording() throws Exception {
        List<LabelRow> rows = LabelFileParser.parse("'Train_03';0.0;0;0;0\n".getBytes(UTF_8), SOURCE, "Train_03");
        assertEquals(1, rows.size());
    }

    @Test
    void timesWithinOneMillisecondOfTheGridAreAccepted() throws Exception {
        List<LabelRow> rows = parse("x;0.1009;0;0;0\nx;0.1991;0;0;0\nx;0.3;0;0;0\n");
        assertEquals(List.of(1, 2, 3), rows.stream().map(LabelRow::frame).toList());
    }

    @Test
    void labelTimeOffTheGridRejectsWholeFileNamingTheLine() {
        InputRejectedException e = rejected("x;1.4;0;0;0\nx;1.5;0;0;0\nx;1.65;0;0;0\nx;1.7;0;0;0\n");
        assertEquals(RejectReason.LABELS_OFF_GRID, e.reason());
        assertTrue(e.detail().startsWith(
                "labels/Train_03.csv line 3: time 1.65 is not on the 0.1 s grid (expected 1.6)"), e.detail());
        assertTrue(e.detail().endsWith("1 of 4 label lines are bad"), e.detail());
    }

    @Test
    void gapInLabelTimesRejectsWholeFileAsOffGrid() {
        InputRejectedException e = rejected("x;0.0;0;0;0\nx;0.1;0;0;0\nx;0.3;0;0;0\nx;0.4;0;0;0\n");
        assertEquals(RejectReason.LABELS_OFF_GRID, e.reason());
        assertTrue(e.detail().contains("line 3: time 0.3 skips 1 row(s) after 0.1 (expected 0.2"), e.detail());
        assertTrue(e.detail().endsWith("1 of 4 label lines are bad"), e.detail());
    }

    @Test
    void repeatedLabelTimeRejectsWholeFileAsOffGrid() {
        InputRejectedException e = rejected("x;0.0;0;0;0\nx;0.1;0;0;0\nx;0.1;0;0;0\nx;0.2;0;0;0\n");
        assertEquals(RejectReason.LABELS_OFF_GRID, e.reason());
        assertTrue(e.detail().contains("line 3: time 0.1 repeats the previous row's time (expected 0.2"), e.detail());
    }

    @Test
    void labelTimesOutOfOrderRejectWholeFileAsOffGrid() {
        InputRejectedException e = rejected("x;0.0;0;0;0\nx;0.2;0;0;0\nx;0.1;0;0;0\n");
        assertEquals(RejectReason.LABELS_OFF_GRID, e.reason());
        assertTrue(e.detail().contains("line 2: time 0.2 skips"), e.detail());
        assertTrue(e.detail().contains("2 of 3 label lines are bad"), e.detail());
    }

    @Test
    void negativeFirstTimeIsOffGrid() {
        InputRejectedException e = rejected("x;-0.1;0;0;0\nx;0.0;0;0;0\n");
        assertEquals(RejectReason.LABELS_OFF_GRID, e.reason());
        assertTrue(e.detail().contains("line 1: time -0.1 is negative"), e.detail());
    }

    @Test
    void firstTimeOffTheGridIsRejected() {
        InputRejectedException e = rejected("x;0.05;0;0;0\nx;0.15;0;0;0\n");
        assertEquals(RejectReason.LABELS_OFF_GRID, e.reason());
        assertTrue(e.detail().contains("line 1: time 0.05 is not on the 0.1 s grid"), e.detail());
    }

    @Test
    void wrongFieldCountIsABadLabelLineAndAllBadLinesAreCounted() {
        InputRejectedException e = rejected("x;0.0;0;0;0\nx;0.1;0;0\nx;0.2;0;0;0\nx;0.3;0;0;0;9\n");
        assertEquals(RejectReason.BAD_LABEL_LINE, e.reason());
        assertTrue(e.detail().startsWith("labels/Train_03.csv line 2: expected 5 ';'-separated fields "
                + "name;time_s;arousal;valence;liking, found 4"), e.detail());
        assertTrue(e.detail().endsWith("2 of 4 label lines are bad"), e.detail());
    }

    @Test
    void nonNumericValueIsABadLabelLine() {
        InputRejectedException e = rejected("x;0.0;0;0;0\nx;0.1;0,5;0;0\n");
        assertEquals(RejectReason.BAD_LABEL_LINE, e.reason());
        assertTrue(e.detail().contains("line 2: arousal 0,5 is not a number"), e.detail());
    }

    @Test
    void headerIsOnlyToleratedOnTheFirstLine() {
        InputRejectedException e = rejected("x;0.0;0;0;0\nname;time;arousal;valence;liking\n");
        assertEquals(RejectReason.BAD_LABEL_LINE, e.reason());
        assertTrue(e.detail().contains("line 2: time time is not a number"), e.detail());
    }

    @Test
    void nanValueIsNonFinite() {
        InputRejectedException e = rejected("x;0.0;0;0;0\nx;0.1;0;NaN;0\n");
        assertEquals(RejectReason.NON_FINITE_LABEL, e.reason());
        assertTrue(e.detail().contains("line 2: valence NaN is not finite"), e.detail());
    }

    @Test
    void infiniteTimeIsNonFinite() {
        InputRejectedException e = rejected("x;0.0;0;0;0\nx;inf;0;0;0\n");
        assertEquals(RejectReason.NON_FINITE_LABEL, e.reason());
        assertTrue(e.detail().contains("line 2: time inf is not finite"), e.detail());
    }

    @Test
    void valueOutsideMinusOneToOneIsOutOfRange() {
        InputRejectedException e = rejected("x;0.0;0;0;0\nx;0.1;0;0;1.0001\n");
        assertEquals(RejectReason.LABEL_OUT_OF_RANGE, e.reason());
        assertTrue(e.detail().contains("line 2: liking 1.0001 is outside [-1, 1]"), e.detail());
    }

    @Test
    void invalidUtf8RejectsTheWholeLabelFile() {
        byte[] content = {'x', ';', '0', '.', '0', ';', '0', ';', '0', ';', '0', '\n', 'x', (byte) 0xc3, '(', ';',
            '0', '.', '1', ';', '0', ';', '0', ';', '0', '\n'};
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> LabelFileParser.parse(content, SOURCE));
        assertEquals(RejectReason.BAD_ENCODING, e.reason());
        assertTrue(e.detail().contains("line 2: bytes c3 28"), e.detail());
    }

    @Test
    void emptyFileHasNoLabelRows() {
        InputRejectedException e = rejected("\n\n");
        assertEquals(RejectReason.BAD_LABEL_LINE, e.reason());
        assertTrue(e.detail().contains("no label rows"), e.detail());
    }

    @Test
    void headerOnlyFileHasNoLabelRows() {
        assertTrue(rejected("name;time;a;v;l\n").detail().contains("no label rows"));
    }

    @Test
    void nameDifferentFromTheExpectedRecordingIsABadLabelLineNamingBoth() {
        InputRejectedException e = rejected("Train_04;0.0;0;0;0\n", "Train_03");
        assertEquals(RejectReason.BAD_LABEL_LINE, e.reason());
        assertTrue(e.detail().contains("line 1: recording name 'Train_04' differs from the expected name 'Train_03'"),
                e.detail());
    }

    @Test
    void rowsOfTwoRecordingsInOneFileAreRejected() {
        InputRejectedException e = rejected("Train_03;0.0;0;0;0\nTrain_04;0.1;0;0;0\n");
        assertEquals(RejectReason.BAD_LABEL_LINE, e.reason());
        assertTrue(e.detail().contains("line 2: recording name 'Train_04' differs from line 1's name 'Train_03'"),
                e.detail());
    }

    @Test
    void firstBadLineDecidesTheReason() {
        InputRejectedException e = rejected("x;0.0;0;0;2\nx;0.1;0;0\n");
        assertEquals(RejectReason.LABEL_OUT_OF_RANGE, e.reason());
        assertTrue(e.detail().endsWith("2 of 2 label lines are bad"), e.detail());
    }
}
