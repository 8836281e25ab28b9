"""Dagster entry point: `dagster dev` (pyproject [tool.dagster]) and `make run` load `defs`."""
import sys
from pathlib import Path

from dagster import Definitions

from .assets import bogota_dbt_assets, published_warehouse
from .checks import great_expectations_suites
from .jobs import nightly_warehouse_job
from .project import FastDbtCliResource, bogota_project
from .schedules import nightly_schedule
from .sensors import raw_seeds_sensor

defs = Definitions(
    assets=[bogota_dbt_assets, published_warehouse],
    asset_checks=[great_expectations_suites],
    jobs=[nightly_warehouse_job],
    schedules=[nightly_schedule],
    sensors=[raw_seeds_sensor],
    resources={"dbt": FastDbtCliResource(
        project_dir=bogota_project,
        profiles_dir=str(bogota_project.profiles_dir),
        # the dbt of this interpreter's venv, whether or not the venv is on PATH
        dbt_executable=str(Path(sys.executable).with_name("dbt")),
    )},
)
