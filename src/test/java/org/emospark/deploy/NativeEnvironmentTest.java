package org.emospark.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * The environment PyTorch's native code runs in, wherever the product starts a JVM: OpenMP threads that sleep while
 * they wait, and huge pages for malloc's large blocks (without them a batch's activations are faulted in 4 KiB at a
 * time, and the network ran 8-10x slower on a 2-core machine).
 */
class NativeEnvironmentTest {
    private static final String HUGE_PAGES = "glibc.malloc.hugetlb=1";
    private static final Path ROOT = TestSpark.repoRoot();

    /** The value {@code jobs/emospark} exports, given what the caller's environment held (null: unset). */
    private static String exported(String before) throws IOException, InterruptedException {
        String script = Files.readString(ROOT.resolve("jobs/emospark"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("(?ms)^case \":\\$\\{GLIBC_TUNABLES:-}:\".*?^esac$").matcher(script);
        assertTrue(block.find(), "jobs/emospark sets GLIBC_TUNABLES");
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", "set -eu\n" + block.group() + "\nprintf %s \"$GLIBC_TUNABLES\"");
        bash.environment().remove("GLIBC_TUNABLES");
        if (before != null) {
            bash.environment().put("GLIBC_TUNABLES", before);
        }
        Process p = bash.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void theEntryScriptAddsHugePagesToWhateverTunablesTheCallerSetAndKeepsTheCallersOwnChoice() throws Exception {
        assertEquals(HUGE_PAGES, exported(null));
        assertEquals(HUGE_PAGES, exported(""));
        assertEquals("glibc.malloc.arena_max=2:" + HUGE_PAGES, exported("glibc.malloc.arena_max=2"));
        assertEquals("glibc.malloc.hugetlb=0", exported("glibc.malloc.hugetlb=0"));
        assertEquals("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2",
                exported("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2"));
    }

    @Test
    void everyProfileAndDeployFileThatSetsTheOpenMpWaitPolicyAlsoGivesMallocHugePages() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("pom.xml"), ROOT.resolve("deploy/docker/Dockerfile")));
        for (String dir : List.of("deploy/kubernetes", "deploy/airflow")) {
            try (Stream<Path> s = Files.list(ROOT.resolve(dir))) {
                s.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        int checked = 0;
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            // A setting, in any of the files' syntaxes: OMP_WAIT_POLICY=, : , ">, "": "" then PASSIVE.
            long waits = Pattern.compile("OMP_WAIT_POLICY\\W{1,4}PASSIVE").matcher(text).results().count();
            if (waits > 0) {
                assertEquals(waits, Pattern.compile(Pattern.quote(HUGE_PAGES)).matcher(text).results().count(),
                        ROOT.relativize(f) + ": every OMP_WAIT_POLICY beside a GLIBC_TUNABLES");
                checked++;
            }
        }
        assertTrue(checked >= 4, "pom, image, Kubernetes and Airflow: " + checked);

        List<String> conf = Files.readAllLines(ROOT.resolve("conf/emospark.properties"), StandardCharsets.UTF_8);
        for (String line : conf) {
            Matcher m = Pattern.compile("^(%\\w+\\.)spark\\.executorEnv\\.OMP_WAIT_POLICY=").matcher(line);
            if (m.find()) {
                assertTrue(conf.contains(m.group(1) + "spark.executorEnv.GLIBC_TUNABLES=" + HUGE_PAGES),
                        "profile " + m.group(1) + " gives its executors huge pages");
                checked++;
            }
        }
        assertTrue(checked >= 6, "the cluster and gpu profiles: " + checked);
    }
}
