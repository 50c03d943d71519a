package org.emospark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * What {@link SparkSessions#REDACTION_REGEX} hides. Spark redacts a setting when the regex is found anywhere in
 * its key or its value ({@code Utils.redact}: {@code findFirstIn}), which is what {@link java.util.regex.Matcher#find}
 * checks here.
 */
class SparkSessionsRedactionTest {
    private static final Pattern REDACTION = Pattern.compile(SparkSessions.REDACTION_REGEX);

    @Test
    void everySpellingOfAnS3aCredentialIsRedacted() {
        List<String> secrets = List.of(
                "fs.s3a.access.key", "fs.s3a.secret.key", "fs.s3a.session.token",
                "fs.s3a.bucket.lake.access.key", "fs.s3a.bucket.lake.secret.key",
                // Spark copies AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the environment into these too.
                "fs.s3.awsAccessKeyId", "fs.s3.awsSecretAccessKey", "fs.s3n.awsAccessKeyId", "fs.s3n.awsSecretAccessKey",
                "fs.s3a.encryption.key", "fs.s3a.server-side-encryption.key",
                "spark.executorEnv.AWS_ACCESS_KEY_ID", "spark.executorEnv.AWS_SECRET_ACCESS_KEY",
                "spark.executorEnv.AWS_SESSION_TOKEN", "spark.executorEnv.HADOOP_CREDSTORE_PASSWORD",
                "hadoop.security.credstore.java-keystore-provider.password-file");
        for (String key : secrets) {
            assertTrue(REDACTION.matcher(key).find(), key + " must be redacted");
        }
    }

    @Test
    void s3aSettingsThatAreNotSecretStayReadable() {
        List<String> visible = List.of("fs.s3a.endpoint", "fs.s3a.path.style.access", "fs.s3a.aws.credentials.provider",
                "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider", "hadoop.security.credential.provider.path",
                "jceks://file/etc/emospark/s3.jceks", "s3a://lake/emospark", "emospark.warehouse");
        for (String setting : visible) {
            assertFalse(REDACTION.matcher(setting).find(), setting + " must stay readable");
        }
    }

    @Test
    void sessionsRedactWithTheProjectRegex() {
        assertEquals(SparkSessions.REDACTION_REGEX, TestSpark.session().sparkContext().getConf().get("spark.redaction.regex"));
    }
}
