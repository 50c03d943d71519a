package org.emospark.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.emospark.cli.EmosparkCli;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * deploy/ names only what exists: classes, jars and files that `mvn package` and the repository hold, config keys
 * Spark, hadoop-aws and emospark know, and commands and options the CLI and jobs/nightly accept. The images cannot
 * be built here (no Docker daemon), so what they copy is checked against the build's output instead. Runs after
 * `package` (failsafe), reading files only: no Spark session.
 */
class DeployFilesIT {
    private static final Path ROOT = TestSpark.repoRoot();
    private static final String OPERATOR_API = "sparkoperator.k8s.io/v1beta2";

    @TempDir
    Path tmp;

    @Test
    void executorImageCopiesWhatThePackageBuildsAndBakesTheNativeLibrary() throws IOException {
        Dockerfile image = Dockerfile.read(ROOT.resolve("deploy/docker/Dockerfile"));
        assertEquals(List.of("${SPARK_IMAGE}"), image.all("FROM"));
        String base = image.args().get("SPARK_IMAGE");
        assertTrue(base.startsWith("apache/spark:" + pomProperty("spark.version") + "-scala2.12-java17-"),
                "Spark, Scala and Java of the build: " + base);

        for (Dockerfile.Copy copy : image.copies()) {
            Path source = ROOT.resolve(copy.source());
            assertTrue(Files.exists(source), "COPY " + copy.source() + ": not in the repository nor built by mvn package");
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.list(source)) {
                    assertTrue(files.findAny().isPresent(), "COPY " + copy.source() + " copies an empty folder");
                }
            }
        }
        assertTrue(Files.isRegularFile(ROOT.resolve("target/emospark.jar")));
        assertTrue(image.destinationOf("target/emospark.jar").isPresent(), "the application jar is in the image");
        assertTrue(image.destinationOf("target/app-lib/").isPresent(), "app-lib is in the image");
        assertTrue(image.destinationOf("deploy/gpu/discover-gpus.sh").isPresent(), "the GPU discovery script is in the image");
        String confDir = image.destinationOf("conf/").orElseThrow();

        Map<String, String> env = image.env();
        assertEquals("true", env.get("DJL_OFFLINE"));
        assertEquals(stripSlash(confDir), env.get("EMOSPARK_CONF_DIR"));
        String cache = env.get("DJL_CACHE_DIR");
        assertNotNull(cache, "PyTorch's native library is unpacked to a fixed folder in the image");

        String warmUp = image.all("RUN").stream().filter(r -> r.contains("EmosparkCli")).findFirst().orElseThrow();
        assertTrue(warmUp.contains("-Dai.djl.offline=true"), warmUp);
        assertTrue(warmUp.contains("find " + cache + " -name 'libtorch_cpu.so'"), "the build fails if nothing was unpacked");
        assertWarmUpRunsARealCommand(image, warmUp);

        Dockerfile gpu = Dockerfile.read(ROOT.resolve("deploy/docker/Dockerfile.gpu"));
        assertEquals(List.of("${BASE}"), gpu.all("FROM"));
        assertTrue(gpu.copies().isEmpty(), "the GPU image adds libtorch on top of the CPU image");
        assertEquals(pomProperty("pytorch.version"), gpu.env().get("PYTORCH_VERSION"), "the PyTorch of the pom");
        assertWarmUpRunsARealCommand(image, gpu.all("RUN").stream().filter(r -> r.contains("EmosparkCli")).findFirst()
                .orElseThrow());
    }

    @Test
    void sparkOperatorApplicationsNameRealClassesJarsKeysAndCommands() throws IOException {
        Dockerfile image = Dockerfile.read(ROOT.resolve("deploy/docker/Dockerfile"));
        Map<String, Object> nightly = yaml("deploy/kubernetes/emospark-nightly-score.yaml");
        assertEquals(OPERATOR_API, nightly.get("apiVersion"));
        assertEquals("ScheduledSparkApplication", nightly.get("kind"));
        Map<String, Object> schedule = map(nightly, "spec");
        assertEquals(5, ((String) schedule.get("schedule")).split("\\s+").length, "a five-field cron schedule");
        assertEquals("Forbid", schedule.get("concurrencyPolicy"), "two nights never write the same tables at once");
        Map<String, Object> scoring = map(schedule, "template");
        assertApplication(scoring, image, "score");

        Map<String, String> conf = strings(map(scoring, "sparkConf"));
        assertTrue(Integer.parseInt(conf.get("spark.executor.resource.gpu.amount")) >= 1, "GPU executors");
        assertEquals("1", conf.get("spark.task.resource.gpu.amount"));
        assertEquals("nvidia.com", conf.get("spark.executor.resource.gpu.vendor"), "Kubernetes asks nvidia.com/gpu");
        assertEquals(image.destinationOf("deploy/gpu/discover-gpus.sh").orElseThrow(),
                conf.get("spark.executor.resource.gpu.discoveryScript"));
        Map<String, Object> executor = map(scoring, "executor");
        assertFalse(map(executor, "nodeSelector").isEmpty(), "a node selector for the GPU nodes");
        assertFalse(((List<?>) executor.get("tolerations")).isEmpty(), "a toleration for the GPU nodes' taint");

        Map<String, Object> ingest = yaml("deploy/kubernetes/emospark-ingest.yaml");
        assertEquals(OPERATOR_API, ingest.get("apiVersion"));
        assertEquals("SparkApplication", ingest.get("kind"));
        assertApplication(map(ingest, "spec"), image, "ingest");
    }

    @Test
    void airflowDagCompilesAndSubmitsTheNightlyCommandsInOrder() throws Exception {
        assumeTrue(commandExists("python3"), "python3 is not installed");
        Path dag = ROOT.resolve("deploy/airflow/emospark_nightly.py");
        Run compile = python("-c", "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
                dag.toString(), tmp.resolve("dag.pyc").toString());
        assertEquals(0, compile.exitCode(), compile.output());

        Run run = python(ROOT.resolve("src/test/resources/deploy/airflow_dag_tasks.py").toString(), dag.toString());
        assertEquals(0, run.exitCode(), run.output());
        JsonNode parsed = new ObjectMapper().readTree(run.output());
        JsonNode dagArgs = parsed.get("dags").get(0);
        assertEquals(5, dagArgs.get("schedule").asText().split("\\s+").length);
        assertEquals(1, dagArgs.get("max_active_runs").asInt(), "one night at a time");

        List<String> order = new ArrayList<>();
        for (JsonNode task : parsed.get("tasks")) {
            assertMainClass(task.get("java_class").asText());
            String home = task.get("application").asText().replace("/target/emospark.jar", "");
            assertEquals(home + "/target/emospark.jar", task.get("application").asText());
            assertEquals(home + "/target/app-lib/*.jar", task.get("jars").asText());
            for (String file : task.get("files").asText().split(",")) {
                assertTrue(file.startsWith(home + "/") && Files.isRegularFile(ROOT.resolve(file.substring(home.length() + 1))),
                        "files= names a file of the checkout: " + file);
            }
            task.get("conf").fieldNames().forEachRemaining(key ->
                    assertTrue(KnownConfKeys.isSparkKey(key), "unknown Spark key in the DAG: " + key));
            List<String> args = new ArrayList<>();
            task.get("application_args").forEach(a -> args.add(a.asText()));
            order.add(assertCliAccepts(args));
        }
        assertEquals(List.of("ingest", "features", "score", "sql"), order);
        assertEquals("[[\"ingest\",\"semantic_frames\"],[\"semantic_frames\",\"score\"],[\"score\",\"summary\"]]",
                parsed.get("edges").toString());
    }

    @Test
    void cronEntryCallsJobsNightlyWithOptionsItAccepts() throws IOException {
        Set<String> nightlyOptions = new TreeSet<>();
        Matcher m = Pattern.compile("^\\s+(--[a-z-]+)\\)", Pattern.MULTILINE)
                .matcher(Files.readString(ROOT.resolve("jobs/nightly")));
        while (m.find()) {
            nightlyOptions.add(m.group(1));
        }
        assertTrue(nightlyOptions.containsAll(List.of("--landing", "--warehouse", "--lock")), nightlyOptions.toString());
        Set<String> submitOptions = KnownConfKeys.sparkSubmitOptions();

        int entries = 0;
        for (String line : Files.readAllLines(ROOT.resolve("deploy/cron/emospark-nightly"))) {
            if (line.isBlank() || line.startsWith("#") || line.matches("^[A-Z_]+=.*")) {
                continue;
            }
            entries++;
            String[] fields = line.split("\\s+", 7);
            for (int i = 0; i < 5; i++) {
                assertTrue(fields[i].matches("[0-9*/,-]+"), "cron time field " + fields[i]);
            }
            List<String> words = Arrays.asList(fields[6].split("\\s+"));
            int nightly = words.indexOf("jobs/nightly");
            assertTrue(nightly >= 0, "the entry runs jobs/nightly: " + line);
            boolean afterDashes = false;
            Set<String> given = new TreeSet<>();
            for (String word : words.subList(nightly + 1, words.size())) {
                if (word.equals(">>") || word.equals(">")) {
                    break;
                } else if (word.equals("--")) {
                    afterDashes = true;
                } else if (word.startsWith("--")) {
                    assertTrue(afterDashes ? submitOptions.contains(word) : nightlyOptions.contains(word),
                            (afterDashes ? "spark-submit" : "jobs/nightly") + " has no option " + word);
                    given.add(word);
                }
            }
            assertTrue(given.containsAll(List.of("--landing", "--warehouse")), "jobs/nightly's required options: " + line);
        }
        assertEquals(1, entries);
    }

    @Test
    void deployReadmeNamesFilesThatExist() throws IOException {
        String readme = Files.readString(ROOT.resolve("deploy/README.md"));
        Matcher m = Pattern.compile("(?<![\\w/])(deploy|jobs|conf|examples)/[\\w./-]*[\\w-]").matcher(readme);
        int named = 0;
        while (m.find()) {
            named++;
            assertTrue(Files.exists(ROOT.resolve(m.group())), "deploy/README.md names " + m.group());
        }
        assertTrue(named >= 8, "the README points at the deploy files");
    }

    /** A SparkApplication spec: the image's jar and classpath, a real main class, known keys, a CLI command. */
    private static void assertApplication(Map<String, Object> spec, Dockerfile image, String command) {
        assertEquals("Java", spec.get("type"));
        assertEquals("cluster", spec.get("mode"));
        assertEquals(pomProperty("spark.version"), spec.get("sparkVersion"));
        assertMainClass((String) spec.get("mainClass"));
        assertEquals("local://" + image.destinationOf("target/emospark.jar").orElseThrow(), spec.get("mainApplicationFile"));
        Map<String, String> conf = strings(map(spec, "sparkConf"));
        for (String key : conf.keySet()) {
            assertTrue(KnownConfKeys.isSparkKey(key), "unknown Spark key " + key);
        }
        String appLib = image.destinationOf("target/app-lib/").orElseThrow();
        assertEquals(stripSlash(appLib) + "/*", conf.get("spark.driver.extraClassPath"));
        assertEquals(stripSlash(appLib) + "/*", conf.get("spark.executor.extraClassPath"));
        conf.values().stream().filter(v -> v.matches("([a-z][a-z0-9_]*\\.)+[A-Z]\\w*")).forEach(DeployFilesIT::assertClass);
        Set<String> s3a = KnownConfKeys.s3aKeys();
        strings(map(spec, "hadoopConf")).forEach((key, value) -> {
            assertTrue(s3a.contains(key), "unknown s3a key " + key);
            if (value.matches("([a-z][a-z0-9_]*\\.)+[A-Z]\\w*")) {
                assertClass(value);
            }
        });
        for (String role : List.of("driver", "executor")) {
            assertTrue(((String) map(spec, role).get("javaOptions")).contains("-Dai.djl.offline=true"), role);
        }
        @SuppressWarnings("unchecked")
        List<Object> arguments = (List<Object>) spec.get("arguments");
        assertEquals(command, assertCliAccepts(arguments.stream().map(String::valueOf).toList()));
    }

    /** The emospark CLI parses {@code args} (command, options, --conf keys); returns the command's name. */
    private static String assertCliAccepts(List<String> args) {
        CommandLine.ParseResult parsed;
        try {
            parsed = new CommandLine(new EmosparkCli()).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("emospark " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
        assertTrue(parsed.hasSubcommand(), "a command: " + args);
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals("--conf")) {
                String key = args.get(i + 1).split("=", 2)[0];
                assertTrue(key.startsWith("spark.") ? KnownConfKeys.isSparkKey(key) : KnownConfKeys.isEmosparkKey(key),
                        "unknown key --conf " + key);
            }
        }
        return parsed.subcommand().commandSpec().name();
    }

    /** The image's warm-up step runs a real command with options it has, and the config it names is copied. */
    private static void assertWarmUpRunsARealCommand(Dockerfile image, String run) {
        String command = run.substring(run.indexOf("org.emospark.cli.EmosparkCli") + "org.emospark.cli.EmosparkCli".length());
        List<String> args = Arrays.stream(command.split("&&")[0].trim().split("\\s+")).toList();
        assertEquals("bench-model", assertCliAccepts(args), "the warm-up needs no Spark session");
        String config = args.get(args.indexOf("--config") + 1);
        String confDir = image.destinationOf("conf/").orElseThrow();
        assertTrue(config.startsWith(confDir), config);
        assertTrue(Files.isRegularFile(ROOT.resolve("conf").resolve(config.substring(confDir.length()))), config);
        String classpath = run.replaceAll("(?s).*-cp \"([^\"]+)\".*", "$1");
        assertTrue(classpath.contains(image.destinationOf("target/emospark.jar").orElseThrow())
                && classpath.contains(stripSlash(image.destinationOf("target/app-lib/").orElseThrow()) + "/*"), classpath);
    }

    private static void assertMainClass(String name) {
        try {
            Method main = assertClass(name).getMethod("main", String[].class);
            assertTrue(Modifier.isStatic(main.getModifiers()), name + ".main is static");
        } catch (NoSuchMethodException e) {
            throw new AssertionError(name + " has no main method", e);
        }
    }

    private static Class<?> assertClass(String name) {
        try {
            return Class.forName(name, false, DeployFilesIT.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no class " + name + " on the application's classpath", e);
        }
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertTrue(value instanceof Map, key + " is a mapping");
        return (Map<String, Object>) value;
    }

    /** YAML values as the operator passes them on: quoted or not, every conf value is a string. */
    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> strings = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> {
            assertTrue(v instanceof String, k + " must be quoted: the operator's CRD types conf values as strings");
            strings.put(k, (String) v);
        });
        return strings;
    }

    private static String pomProperty(String name) {
        try {
            Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve("pom.xml")));
            assertTrue(m.find(), name + " in pom.xml");
            return m.group(1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private record Run(int exitCode, String output) {
    }

    private static boolean commandExists(String command) {
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static Run python(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        return new Run(p.exitValue(), out);
    }
}
