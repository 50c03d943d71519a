"""Runs an Airflow DAG file against stand-ins for Airflow and pendulum and prints, as JSON, the DAG's
arguments, every SparkSubmitOperator's arguments and the task dependencies. Used by DeployFilesIT,
where Airflow is not installed.

The stand-in SparkSubmitOperator takes exactly the keyword arguments of
apache-airflow-providers-apache-spark's operator (plus BaseOperator's task_id, retries, ...), so a
misspelt argument fails here as it would in Airflow.

    python3 airflow_dag_tasks.py DAG_FILE
"""
import json
import sys
import types
from datetime import datetime

dags = []
tasks = []
edges = []


class DAG:
    def __init__(self, dag_id, description=None, schedule=None, start_date=None, catchup=True,
                 max_active_runs=None, default_args=None, tags=None, **unexpected):
        if unexpected:
            raise TypeError("DAG() got unexpected arguments: " + ", ".join(sorted(unexpected)))
        dags.append({"dag_id": dag_id, "schedule": schedule, "catchup": catchup,
                     "max_active_runs": max_active_runs,
                     "retries": (default_args or {}).get("retries")})

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class SparkSubmitOperator:
    def __init__(self, *, task_id, application="", conf=None, conn_id="spark_default", files=None,
                 py_files=None, archives=None, driver_class_path=None, jars=None, java_class=None,
                 packages=None, exclude_packages=None, repositories=None, total_executor_cores=None,
                 executor_cores=None, executor_memory=None, driver_memory=None, keytab=None,
                 principal=None, proxy_user=None, name="arrow-spark", num_executors=None,
                 status_poll_interval=1, application_args=None, env_vars=None, verbose=False,
                 spark_binary=None, properties_file=None, yarn_queue=None, deploy_mode=None,
                 retries=None, retry_delay=None, **unexpected):
        if unexpected:
            raise TypeError("SparkSubmitOperator() got unexpected arguments: " + ", ".join(sorted(unexpected)))
        self.task_id = task_id
        tasks.append({"task_id": task_id, "application": application, "conf": conf or {},
                      "conn_id": conn_id, "files": files, "jars": jars, "java_class": java_class,
                      "name": name, "application_args": [str(a) for a in (application_args or [])]})

    def __rshift__(self, other):
        edges.append([self.task_id, other.task_id])
        return other


def module(name, **attributes):
    m = types.ModuleType(name)
    m.__dict__.update(attributes)
    sys.modules[name] = m
    return m


module("airflow", DAG=DAG)
module("airflow.providers")
module("airflow.providers.apache")
module("airflow.providers.apache.spark")
module("airflow.providers.apache.spark.operators")
module("airflow.providers.apache.spark.operators.spark_submit", SparkSubmitOperator=SparkSubmitOperator)
module("pendulum", datetime=lambda *a, tz=None: datetime(*a))

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    exec(compile(f.read(), path, "exec"), {"__name__": "dag_under_test", "__file__": path})
print(json.dumps({"dags": dags, "tasks": tasks, "edges": edges}))
