package org.emospark.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;

/**
 * A real S3-compatible server for tests: s3proxy (its own process, its own classpath) with the
 * filesystem backend on 127.0.0.1. A bucket is a folder under {@link #baseDir()}.
 */
public final class S3Proxy implements AutoCloseable {
    public static final String IDENTITY = "emospark-test-key";
    public static final String CREDENTIAL = "emospark-test-secret-0123456789";

    private Process process;
    private final int port;
    private final Path baseDir;
    private final Path workDir;

    private S3Proxy(Process process, int port, Path baseDir, Path workDir) {
        this.process = process;
        this.port = port;
        this.baseDir = baseDir;
        this.workDir = workDir;
    }

    public static S3Proxy start(Path workDir, String... buckets) throws IOException, InterruptedException {
        Path jar = jar();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("s3proxy jar missing at " + jar + " (mvn generate-test-resources copies it)");
        }
        Path base = Files.createDirectories(workDir.resolve("s3-data"));
        for (String b : buckets) {
            Files.createDirectories(base.resolve(b));
        }
        int port = FreePort.onLoopback();
        Files.writeString(workDir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + base, ""));
        return new S3Proxy(launch(jar, workDir, port), port, base, workDir);
    }

    /** Starts the server with the properties in {@code workDir} and returns once it listens on {@code port}. */
    private static Process launch(Path jar, Path workDir, int port) throws IOException, InterruptedException {
        Path props = workDir.resolve("s3proxy.properties");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jar.toString(), "--properties", props.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("s3proxy.log").toFile()))
                .start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("s3proxy exited: " + Files.readString(workDir.resolve("s3proxy.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("s3proxy did not listen on port " + port + " within 60 s");
    }

    /** The store goes away at once, as a crashed server or a cut network does; its objects stay on disk. */
    public void stop() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The store comes back on the same port with the same objects. */
    public void restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("s3proxy is running; stop() it first");
        }
        process = launch(jar(), workDir, port);
    }

    private static Path jar() {
        return Path.of(System.getProperty("emospark.test.tools", "target/test-tools")).resolve("s3proxy.jar");
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public Path baseDir() {
        return baseDir;
    }

    /** spark-submit --conf pairs pointing s3a at this server; credentials are not among them. */
    public List<String> sparkConfArgs() {
        return List.of(
                "--conf", "spark.hadoop.fs.s3a.endpoint=" + endpoint(),
                "--conf", "spark.hadoop.fs.s3a.path.style.access=true",
                "--conf", "spark.hadoop.fs.s3a.connection.ssl.enabled=false",
                "--conf", "spark.hadoop.fs.s3a.change.detection.version.required=false",
                "--conf", "spark.hadoop.fs.s3a.change.detection.mode=none");
    }

    /**
     * s3a in this JVM, pointed at this server with its credentials: for a test that writes into a bucket the way a job
     * would, e.g. what a job killed halfway leaves.
     */
    public FileSystem fileSystem(String bucket) throws IOException {
        Configuration conf = new Configuration();
        List<String> args = sparkConfArgs();
        for (int i = 1; i < args.size(); i += 2) {
            String[] pair = args.get(i).substring("spark.hadoop.".length()).split("=", 2);
            conf.set(pair[0], pair[1]);
        }
        conf.set("fs.s3a.access.key", IDENTITY);
        conf.set("fs.s3a.secret.key", CREDENTIAL);
        conf.setBoolean("fs.s3a.impl.disable.cache", true);
        return FileSystem.get(URI.create("s3a://" + bucket + "/"), conf);
    }

    /**
     * Writes this server's credentials into a Hadoop credential store (a jceks file under {@code dir}, the store's
     * default password) under the aliases s3a looks up, {@code fs.s3a.access.key} and {@code fs.s3a.secret.key}, and
     * returns the store's URI for {@code hadoop.security.credential.provider.path}.
     */
    public static String credentialStore(Path dir) throws IOException {
        String uri = "jceks://file" + dir.toAbsolutePath().resolve("s3a-credentials.jceks");
        Configuration conf = new Configuration(false);
        conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, uri);
        CredentialProvider store = CredentialProviderFactory.getProviders(conf).get(0);
        store.createCredentialEntry("fs.s3a.access.key", IDENTITY.toCharArray());
        store.createCredentialEntry("fs.s3a.secret.key", CREDENTIAL.toCharArray());
        store.flush();
        return uri;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
