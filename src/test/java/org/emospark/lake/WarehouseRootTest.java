package org.emospark.lake;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseRootTest {
    @TempDir
    Path tmp;

    @Test
    void aRootThatIsAFileIsRefusedWithOneLineSayingSo() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Warehouse(TestSpark.session(), file.toString()).requireUsableRoot());
        assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
    }

    @Test
    void aMissingRootAndAnExistingFolderAreFine() {
        assertDoesNotThrow(() -> new Warehouse(TestSpark.session(), tmp.resolve("new").toString()).requireUsableRoot());
        assertDoesNotThrow(() -> new Warehouse(TestSpark.session(), tmp.toString()).requireUsableRoot());
    }
}
