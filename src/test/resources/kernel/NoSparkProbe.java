// Run by KernelReaderIT in a JVM of its own, in Java's source-file mode, with the Kernel reader's classpath only:
//   java -cp kernel-reader.jar:lib/* NoSparkProbe.java READ-TABLE-ARGS...
// It proves there is no Spark (nor Delta's Spark connector) on that classpath, then runs the reader.
public class NoSparkProbe {
    public static void main(String[] args) {
        for (String name : new String[] {"org.apache.spark.SparkContext", "io.delta.tables.DeltaTable"}) {
            try {
                Class.forName(name);
                System.err.println("probe: " + name + " is loadable: Spark is on the classpath");
                System.exit(3);
            } catch (ClassNotFoundException expected) {
                System.err.println("probe: " + name + " is not loadable");
            }
        }
        org.emospark.kernel.ReadTable.main(args);
    }
}
