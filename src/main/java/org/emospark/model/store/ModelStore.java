package org.emospark.model.store;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.emospark.lake.Warehouse;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.data.NetworkInputs;

/**
 * The versioned model store: {@code <warehouse>/model_store/<model_id>/} holds {@code parameters.djl} (DJL's block
 * format) and {@code manifest.json} ({@link ModelManifest}). It goes through Hadoop's FileSystem, so it lives
 * wherever the warehouse does (local, hdfs://, s3a://) and any process with the Hadoop configuration (driver
 * or executor) can load a model by id. The manifest is written last: a folder without one is an unfinished
 * save and is never loaded.
 */
public final class ModelStore {
    /** The store's folder under the warehouse root. */
    public static final String DIRECTORY = "model_store";
    public static final String PARAMETERS = "parameters.djl";
    public static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String root;
    private final Configuration hadoop;

    public ModelStore(String warehouseRoot, Configuration hadoop) {
        this.root = Objects.requireNonNull(warehouseRoot, "warehouseRoot").replaceAll("/+$", "") + "/" + DIRECTORY;
        this.hadoop = Objects.requireNonNull(hadoop, "hadoop");
    }

    public static ModelStore of(Warehouse warehouse) {
        return new ModelStore(warehouse.root(), warehouse.spark().sparkContext().hadoopConfiguration());
    }

    /** Where a model's files are. */
    public String pathOf(String modelId) {
        return root + "/" + modelId;
    }

    /** Whether a complete model (manifest written) is stored under this id. */
    public boolean exists(String modelId) {
        try {
            Path manifest = new Path(pathOf(modelId), MANIFEST);
            return manifest.getFileSystem(hadoop).exists(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot look for model " + modelId + " in " + root, e);
        }
    }

    /** Writes the parameters, then the manifest; replaces an earlier save of the same id. */
    public String save(ModelManifest manifest, byte[] parameters) {
        Path dir = new Path(pathOf(manifest.modelId()));
        try {
            FileSystem fs = dir.getFileSystem(hadoop);
            fs.delete(new Path(dir, MANIFEST), false);
            write(fs, new Path(dir, PARAMETERS), parameters);
            write(fs, new Path(dir, MANIFEST), JSON.writeValueAsBytes(manifest));
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save model " + manifest.modelId() + " to " + dir, e);
        }
    }

    public ModelManifest manifest(String modelId) {
        Path file = new Path(pathOf(modelId), MANIFEST);
        try {
            FileSystem fs = file.getFileSystem(hadoop);
            if (!fs.exists(file)) {
                throw new IllegalArgumentException("No model " + modelId + " in " + root
                        + " (see the models table: emospark sql \"SELECT model_id, devel_ccc_mean FROM models\")");
            }
            return JSON.readValue(read(fs, file), ModelManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest of model " + modelId + " at " + file, e);
        }
    }

    /** The stored network, initialised and holding the trained parameters, its arrays in {@code manager}. */
    public SpeechEmotionNet load(String modelId, NDManager manager) {
        return restore(manifest(modelId), parameters(modelId), manager);
    }

    /** Rebuilds the network of {@code manifest} from parameters in DJL's block format. */
    public static SpeechEmotionNet restore(ModelManifest manifest, byte[] parameters, NDManager manager) {
        return restore(manifest.modelId(), manifest.config(), parameters, manager);
    }

    /** Rebuilds the network of {@code config} (model {@code modelId}) from parameters in DJL's block format. */
    public static SpeechEmotionNet restore(String modelId, ModelConfig config, byte[] parameters, NDManager manager) {
        SpeechEmotionNet net = new SpeechEmotionNet(config);
        net.initialize(manager, DataType.FLOAT32, NetworkInputs.shapes(config, 1));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            net.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("The parameters of model " + modelId + " do not fit its config: "
                    + e.getMessage(), e);
        }
        return net;
    }

    /** The stored parameters of a model, in DJL's block format ({@link #restore} rebuilds the network from them). */
    public byte[] parameters(String modelId) {
        manifest(modelId);
        Path file = new Path(pathOf(modelId), PARAMETERS);
        try {
            return read(file.getFileSystem(hadoop), file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the parameters of model " + modelId + " at " + file, e);
        }
    }

    /** The network's parameters in DJL's block format, as {@link #restore} reads them back. */
    public static byte[] parametersOf(SpeechEmotionNet net) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            net.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise the parameters of the network", e);
        }
        return bytes.toByteArray();
    }

    private static void write(FileSystem fs, Path file, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(bytes);
        }
    }

    private static byte[] read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        }
    }
}
