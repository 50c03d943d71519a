package org.emospark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SparkSessionsTest {
    @Test
    void executorJavaOptionsGivenBySparkSubmitKeepTheirOwnOptionAndGetOfflineDjlAfterASpace() {
        assertEquals("-XX:TieredStopAtLevel=1 -Dai.djl.offline=true",
                SparkSessions.appendUnique("-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true", " "));
        assertEquals("-Xss4m  -Dai.djl.offline=true",
                SparkSessions.appendUnique("-Xss4m  -Dai.djl.offline=true", "-Dai.djl.offline=true", " "));
        assertEquals("-Dai.djl.offline=true", SparkSessions.appendUnique("", "-Dai.djl.offline=true", " "));
    }

    @Test
    void sqlExtensionsAreACommaSeparatedListWithoutDuplicates() {
        assertEquals("my.Ext,io.delta.sql.DeltaSparkSessionExtension",
                SparkSessions.appendUnique("my.Ext", "io.delta.sql.DeltaSparkSessionExtension", ","));
        assertEquals("io.delta.sql.DeltaSparkSessionExtension, my.Ext",
                SparkSessions.appendUnique("io.delta.sql.DeltaSparkSessionExtension, my.Ext",
                        "io.delta.sql.DeltaSparkSessionExtension", ","));
    }
}
