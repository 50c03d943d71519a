"""emospark's nightly cycle as an Airflow DAG: ingest -> semantic frames -> score -> summary.

Each task is one spark-submit of the application (SparkSubmitOperator, from
apache-airflow-providers-apache-spark). The Spark connection (EMOSPARK_SPARK_CONN, default
"spark_emospark") says where: host "yarn" with extra {"deploy-mode": "cluster"}, or
"spark://master:7077", or "k8s://https://API_SERVER:6443" (then also set
spark.kubernetes.container.image in SPARK_CONF). The worker running the task needs a Spark 3.5
client (spark-submit on its PATH or spark-home in the connection's extra) and a build of this
repository at EMOSPARK_HOME (`mvn -B -DskipTests package`: target/emospark.jar, target/app-lib).

Every step is incremental and writes with keyed merges, so a retried or re-run task changes
nothing that is already done; max_active_runs=1 keeps two nights from writing the same tables at
once (Delta on s3a wants one writer per table). s3a credentials come from the worker's environment
or instance role (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), never from this file.
"""
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

EMOSPARK_HOME = "/opt/emospark"
WAREHOUSE = "s3a://BUCKET/emospark"
LANDING = "s3a://BUCKET/landing"
EMOSPARK_SPARK_CONN = "spark_emospark"

APPLICATION = EMOSPARK_HOME + "/target/emospark.jar"
MAIN_CLASS = "org.emospark.cli.EmosparkCli"
# spark-submit expands the glob itself.
JARS = EMOSPARK_HOME + "/target/app-lib/*.jar"
# Shipped to the driver's working folder in YARN cluster mode, where EMOSPARK_CONF_DIR=. finds it.
FILES = EMOSPARK_HOME + "/conf/emospark.properties," + EMOSPARK_HOME + "/conf/log4j2.properties"
SPARK_CONF = {
    "spark.yarn.appMasterEnv.EMOSPARK_CONF_DIR": ".",
    "spark.driver.extraJavaOptions": "-Dai.djl.offline=true -Dlog4j2.configurationFile=log4j2.properties",
    "spark.executor.extraJavaOptions": "-Dai.djl.offline=true",
    "spark.executorEnv.OMP_WAIT_POLICY": "PASSIVE",
    "spark.executorEnv.GLIBC_TUNABLES": "glibc.malloc.hugetlb=1",
    "spark.sql.shuffle.partitions": "200",
}
# The score date: the day the run starts (UTC), as jobs/nightly files it.
SCORE_DATE = "{{ data_interval_end | ds }}"



def emospark(task_id, *args):
    """One spark-submit of `emospark ARGS...`; the first argument is the command."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=EMOSPARK_SPARK_CONN,
        application=APPLICATION,
        java_class=MAIN_CLASS,
        jars=JARS,
        files=FILES,
        conf=SPARK_CONF,
        name="emospark " + args[0],
        application_args=list(args),
    )


with DAG(
    dag_id="emospark_nightly",
    description="Ingest new recordings, build their semantic frames, score them, summarise the night",
    schedule="30 2 * * *",
    start_date=pendulum.datetime(2026, 11, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["emospark"],
) as dag:
    ingest = emospark("ingest", "ingest", "--profile", "cluster", "--layout", "archive",
                      "--input", LANDING, "--warehouse", WAREHOUSE)
    semantic_frames = emospark("semantic_frames", "features", "--semantic", "--profile", "cluster",
                               "--warehouse", WAREHOUSE)
    # For GPU executors: "--profile", "gpu", and ship deploy/gpu/discover-gpus.sh in FILES where they lack it.
    score = emospark("score", "score", "--profile", "cluster", "--warehouse", WAREHOUSE, "--date", SCORE_DATE)
    summary = emospark("summary", "sql", "--profile", "cluster", "--warehouse", WAREHOUSE,
                       "SELECT model_id, count(*) AS recordings, round(sum(audio_s), 1) AS seconds, "
                       "sum(CASE WHEN has_transcript THEN 0 ELSE 1 END) AS without_transcript "
                       "FROM recording_emotion WHERE score_date = DATE'" + SCORE_DATE + "' "
                       "GROUP BY model_id ORDER BY model_id")

    ingest >> semantic_frames >> score >> summary
