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

class ManifestParserTest {

    private static ParsedLines<ManifestEntry> parse(String text, String source) throws InputRejectedException {
        return ManifestParser.parse(text.getBytes(UTF_8), source);
    }

    @Test
    void csvColumnsInAnyOrderWithUnknownOnesIgnored() throws Exception {
        ParsedLines<ManifestEntry> parsed = parse("Audio,notes,RECORDING_ID,split,labels,transcript,turns,speaker,language\r\n"
                + "audio/Train_01.wav,x,Train_01,train,labels/Train_01.csv,tr/Train_01.csv,turns/Train_01.csv,s1,de\r\n",
                "m.csv");
        assertEquals(List.of(new ManifestEntry(2, "Train_01", "audio/Train_01.wav", "tr/Train_01.csv",
                "labels/Train_01.csv", "turns/Train_01.csv", "Train", "s1", "de")), parsed.records());
        assertEquals(List.of(), parsed.rejects());
    }

    @Test
    void csvQuotedValuesMayHoldCommas() throws Exception {
        ParsedLines<ManifestEntry> parsed = parse("recording_id,audio,speaker\n"
                + "\"a,1\",\"/data/x, y/a.wav\",\"Doe, \"\"J\"\"\"\n", "m.csv");
        ManifestEntry e = parsed.records().get(0);
        assertEquals("a,1", e.recordingId());
        assertEquals("/data/x, y/a.wav", e.audio());
        assertEquals("Doe, \"J\"", e.speaker());
    }

    @Test
    void csvOptionalColumnsMissingOrBlankAreNull() throws Exception {
        ParsedLines<ManifestEntry> parsed = parse("recording_id,audio,split,labels\nr1,a1.wav, ,\nr2,a2.wav\n", "m.csv");
        assertEquals(List.of(new ManifestEntry(2, "r1", "a1.wav", null, null, null, null, null, null),
                new ManifestEntry(3, "r2", "a2.wav", null, null, null, null, null, null)), parsed.records());
    }

    @Test
    void csvRowsWithoutIdOrAudioOrWithUnknownSplitAreBadRows() throws Exception {
        ParsedLines<ManifestEntry> parsed = parse("recording_id,audio,split\n,a.wav\nr2,\nr3,c.wav,dev\n"
                + "r4,d.wav,test,extra\nr5,\"e.wav\n r6,f.wav,Devel\n", "m.csv");
        assertEquals(List.of("r6"), parsed.records().stream().map(ManifestEntry::recordingId).toList());
        assertEquals(List.of(2, 3, 4, 5, 6), parsed.rejects().stream().map(LineReject::lineNumber).toList());
        assertTrue(parsed.rejects().stream().allMatch(r -> r.reason() == RejectReason.BAD_MANIFEST_ROW));
        assertEquals("m.csv line 2: no recording_id (both are required)", parsed.rejects().get(0).detail());
        assertTrue(parsed.rejects().get(2).detail().contains("split 'dev' is not one of"));
        assertTrue(parsed.rejects().get(3).detail().contains("found 4 comma-separated values, the header has 3"));
        assertTrue(parsed.rejects().get(4).detail().contains("not closed"));
    }

    @Test
    void csvHeaderWithoutAudioRejectsTheManifest() {
        InputRejectedException e = assertThrows(InputRejectedException.class,
                () -> parse("recording_id,path\nr1,a.wav\n", "m.csv"));
        assertEquals(RejectReason.BAD_MANIFEST_ROW, e.reason());
        assertTrue(e.detail().startsWith("m.csv line 1: header lacks the column 'audio'"), e.detail());
    }

    @Test
    void emptyManifestIsRejected() {
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> parse("\n", "m.jsonl"));
        assertTrue(e.detail().contains("the manifest is empty"), e.detail());
    }

    @Test
    void jsonlRowsUseTheSameKeys() throws Exception {
        ParsedLines<ManifestEntry> parsed = parse("{\"recording_id\":\"Devel_02\",\"audio\":\"a/Devel_02.wav\","
                + "\"split\":\"DEVEL\",\"language\":\"de\",\"extra\":[1]}\n\n"
                + "{\"Recording_Id\":17,\"audio\":\"b.wav\",\"transcript\":null,\"labels\":\" \"}\n", "m.jsonl");
        assertEquals(List.of(new ManifestEntry(1, "Devel_02", "a/Devel_02.wav", null, null, null, "Devel", null, "de"),
                new ManifestEntry(3, "17", "b.wav", null, null, null, null, null, null)), parsed.records());
    }

    @Test
    void malformedJsonAndNonObjectsAreBadRows() throws Exception {
        ParsedLines<ManifestEntry> parsed = parse("{\"recording_id\":\"a\",\"audio\":\"a.wav\"\n[1,2]\n"
                + "{\"recording_id\":\"c\",\"audio\":[\"c.wav\"]}\n{\"recording_id\":\"d\",\"audio\":\"d.wav\"} x\n"
                + "{\"recording_id\":\"e\",\"recording_id\":\"e2\",\"audio\":\"e.wav\"}\n"
                + "{\"audio\":\"f.wav\",\"split\":\"valid\"}\n{\"recording_id\":\"g\",\"audio\":\"g.wav\"}\n",
                "m.json-lines");
        assertEquals(List.of("g"), parsed.records().stream().map(ManifestEntry::recordingId).toList());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), parsed.rejects().stream().map(LineReject::lineNumber).toList());
        assertTrue(parsed.rejects().stream().allMatch(r -> r.reason() == RejectReason.BAD_MANIFEST_ROW));
        assertTrue(parsed.rejects().get(0).detail().startsWith("m.json-lines line 1: malformed JSON"));
        assertTrue(parsed.rejects().get(1).detail().contains("expected one JSON object per line, found array"));
        assertTrue(parsed.rejects().get(2).detail().contains("key 'audio' must be a string, found array"));
    }

    @Test
    void repeatedRecordingIdIsADuplicateAndTheFirstRowWins() throws Exception {
        ParsedLines<ManifestEntry> parsed = parse("recording_id,audio\nr1,a.wav\nr1,b.wav\n", "m.csv");
        assertEquals(List.of("a.wav"), parsed.records().stream().map(ManifestEntry::audio).toList());
        assertEquals(new LineReject(3, RejectReason.DUPLICATE_RECORDING_ID,
                "m.csv line 3: recording_id r1 is already listed on line 2"), parsed.rejects().get(0));
    }

    @Test
    void invalidUtf8RowIsAnEncodingReject() throws Exception {
        byte[] content = "recording_id,audio\nr1,a?.wav\nr2,b.wav\n".getBytes(UTF_8);
        content["recording_id,audio\nr1,a".length()] = (byte) 0xff; // never valid in UTF-8
        ParsedLines<ManifestEntry> parsed = ManifestParser.parse(content, "m.csv");
        assertEquals(new LineReject(2, RejectReason.BAD_ENCODING,
                "m.csv line 2: bytes ff (at byte 5 of the line) are not valid UTF-8"), parsed.rejects().get(0));
        assertEquals(List.of("r2"), parsed.records().stream().map(ManifestEntry::recordingId).toList());
    }

    @Test
    void formatComesFromTheExtensionUnlessOverridden() throws Exception {
        assertEquals(ManifestParser.Format.CSV, ManifestParser.Format.fromFileName("x/M.CSV"));
        assertEquals(ManifestParser.Format.JSONL, ManifestParser.Format.fromFileName("m.jsonl"));
        assertEquals(ManifestParser.Format.JSONL, ManifestParser.Format.fromFileName("m.json-lines"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("recording_id,audio\nr,a\n", "manifest.txt"));
        assertTrue(e.getMessage().contains("manifest.txt"), e.getMessage());
        ParsedLines<ManifestEntry> parsed = ManifestParser.parse("{\"recording_id\":\"r\",\"audio\":\"a\"}"
                .getBytes(UTF_8), "manifest.txt", ManifestParser.Format.JSONL);
        assertEquals(1, parsed.records().size());
    }
}
