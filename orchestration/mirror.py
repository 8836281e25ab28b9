"""The PostgreSQL mirror: the published DuckDB warehouse, served to BI tools.

DuckDB stays the system of record. After each publish, `publish/postgres_mirror` copies
every relation of the ``marts`` and ``reports`` layers (from the dbt manifest; the report
views become tables) into PostgreSQL, with the same schema, table and column names,
PostgreSQL types (DECIMAL(p,s) -> numeric(p,s), VARCHAR -> text, ...), the primary keys
the dbt tests declare (``unique`` + ``not_null``, or ``unique_combination_of_columns``
over ``not_null`` columns) and the dbt descriptions as comments.

The switch is atomic:

1. drop the shadow schemas a killed or failed mirror left (``<schema>__next``,
   ``<schema>__old``); create ``<schema>__next`` with the tables;
2. copy the rows (DuckDB's postgres extension: binary COPY), add keys and comments,
   compare row counts with DuckDB;
3. in ONE transaction: rename ``<schema>`` -> ``<schema>__old`` and ``<schema>__next`` ->
   ``<schema>``, grant USAGE + SELECT to ``bi_reader``; commit;
4. drop ``<schema>__old``.

A reader sees the old version or the new one, never an empty schema or half a table. A
failure anywhere before the commit leaves the live schemas as they were.

Target: BOGOTA_POSTGRES_DSN (an existing server) or the local server of `make serve`
(``<published dir>/postgres/server.json``, written by scripts/pg_server.py). With neither,
the asset does nothing and says so ("skipped: no PostgreSQL target").
"""

import json
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, AssetKey, Failure, MaterializeResult, MetadataValue, asset

from .dbt_assets import manifest, models_of_layer, relation
from .log import progress
from .publish import OWNERS, PUBLISHED_ASSET_KEY, Warehouse
from .readonly import connect_published

MIRROR_ASSET_KEY = AssetKey(["publish", "postgres_mirror"])
MIRRORED_LAYERS = ("marts", "reports")
READER_ROLE = "bi_reader"
SHADOW, OLD = "__next", "__old"
SKIPPED = "skipped: no PostgreSQL target"
LOCK_KEY = "bogota_cooperation.postgres_mirror"  # pg advisory lock: one mirror at a time per database

_SIMPLE_TYPES = {
    "VARCHAR": "text", "BOOLEAN": "boolean", "DATE": "date", "TIME": "time",
    "TINYINT": "smallint", "SMALLINT": "smallint", "INTEGER": "integer", "BIGINT": "bigint",
    "UTINYINT": "smallint", "USMALLINT": "integer", "UINTEGER": "bigint", "UBIGINT": "numeric(20,0)",
    "HUGEINT": "numeric(38,0)", "FLOAT": "real", "DOUBLE": "double precision",
    # PostgreSQL's own names (format_type), so a mirrored column's type reads back as mapped
    "TIMESTAMP": "timestamp without time zone", "TIMESTAMP WITH TIME ZONE": "timestamp with time zone",
    "INTERVAL": "interval",
    "UUID": "uuid", "BLOB": "bytea", "JSON": "jsonb",
}


class MirrorError(RuntimeError):
    """The mirror could not be completed; PostgreSQL still serves its previous version."""


def pg_type(duckdb_type: str) -> str:
    t = duckdb_type.upper().strip()
    if m := re.fullmatch(r"DECIMAL\((\d+),\s*(\d+)\)", t):
        return f"numeric({m[1]},{m[2]})"
    if t in _SIMPLE_TYPES:
        return _SIMPLE_TYPES[t]
    raise MirrorError(f"DuckDB type {duckdb_type} has no PostgreSQL mapping in orchestration/mirror.py")


def postgres_extension() -> Path:
    """The DuckDB postgres extension binary shipped by the pinned PyPI package (loads offline)."""
    try:
        files = metadata.files("duckdb-ext-postgres") or []
    except metadata.PackageNotFoundError as exc:
        raise MirrorError("the duckdb-ext-postgres package is not installed (requirements.in)") from exc
    for f in files:
        if f.name.endswith(".duckdb_extension"):
            return Path(f.locate())
    raise MirrorError("duckdb-ext-postgres ships no .duckdb_extension file")


# ---------------------------------------------------------------- what to copy
@dataclass
class Relation:
    node: Mapping[str, Any]
    columns: list[tuple[str, str]] = field(default_factory=list)  # (name, DuckDB type), DuckDB order
    duckdb_rows: int = 0

    @property
    def schema(self) -> str:
        return self.node["schema"]

    @property
    def name(self) -> str:
        return self.node.get("alias") or self.node["name"]

    def description(self, column: str | None = None) -> str:
        if column is None:
            return (self.node.get("description") or "").strip()
        cols = {k.lower(): v for k, v in (self.node.get("columns") or {}).items()}
        return ((cols.get(column.lower()) or {}).get("description") or "").strip()


def primary_key(node: Mapping[str, Any], nodes: Mapping[str, Mapping[str, Any]]) -> list[str] | None:
    """The key the dbt tests declare for a model: a ``unique`` + ``not_null`` column (first in
    the model's column order), else a ``unique_combination_of_columns`` whose columns all have
    ``not_null``. Tests with a ``where`` filter or disabled are ignored."""
    unique, combos, not_null = [], [], set()
    for test in nodes.values():
        if test.get("resource_type") != "test" or test.get("attached_node") != node["unique_id"]:
            continue
        config = test.get("config") or {}
        if config.get("enabled") is False or config.get("where"):
            continue
        meta = test.get("test_metadata") or {}
        kind, kwargs = meta.get("name"), meta.get("kwargs") or {}
        if kind == "not_null":
            not_null.add(test.get("column_name"))
        elif kind == "unique":
            unique.append(test.get("column_name"))
        elif kind == "unique_combination_of_columns":
            combos.append(list(kwargs.get("combination_of_columns") or []))
    order = {c: i for i, c in enumerate(node.get("columns") or {})}
    for col in sorted((c for c in unique if c in not_null), key=lambda c: order.get(c, len(order))):
        return [col]
    for combo in combos:
        if combo and all(c in not_null for c in combo):
            return combo
    return None


def postgres_target(warehouse: Warehouse) -> tuple[str, str] | None:
    """(DSN, where it comes from), or None when no PostgreSQL target is configured."""
    dsn = os.environ.get("BOGOTA_POSTGRES_DSN")
    if dsn:
        return dsn, "BOGOTA_POSTGRES_DSN"
    state = warehouse.published.parent / "postgres" / "server.json"
    if state.exists():  # written by `make serve`, removed by `make serve-stop`
        return json.loads(state.read_text())["loader_dsn"], f"local server of `make serve` ({state})"
    return None


def redact(text: str) -> str:
    """A message without the password of a DSN (key=value or URI form)."""
    text = re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", text, flags=re.IGNORECASE)
    return re.sub(r"(postgres(?:ql)?://[^:/@\s]+:)[^@\s]+@", r"\1***@", text)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# ---------------------------------------------------------------- the mirror
def mirror_warehouse(published: Path, dsn: str, log: Callable[[str], None] = lambda _m: None,
                     lock_timeout_seconds: float = 60, _after_load: Callable[[Any], None] | None = None
                     ) -> dict[str, Any]:
    """Copy the marts and reports of the published DuckDB file into PostgreSQL and switch
    atomically. Raises MirrorError (or a psycopg/duckdb error); PostgreSQL then still
    serves its previous version."""
    import psycopg
    from psycopg import sql

    started = time.perf_counter()
    if not published.exists():
        raise MirrorError(f"published warehouse {published} does not exist")
    nodes = manifest()["nodes"]
    relations = [Relation(node) for node in models_of_layer(*MIRRORED_LAYERS).values()]
    schemas = sorted({r.schema for r in relations})
    timings: dict[str, float] = {}

    # connect_published: never the writer lock, never a cached instance from before the
    # publish rename; the file is in use, so the views' catalog-less refs resolve inside it.
    duck = connect_published(published)
    try:
        cols = duck.execute(
            "select table_schema, table_name, column_name, data_type from information_schema.columns "
            f"where table_catalog = 'published' and table_schema in ({', '.join(_quote(s) for s in schemas)}) "
            "order by table_schema, table_name, ordinal_position").fetchall()
        by_rel: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for s, t, c, typ in cols:
            by_rel.setdefault((s, t), []).append((c, typ))
        for r in relations:
            r.columns = by_rel.get((r.schema, r.name), [])
            if not r.columns:
                raise MirrorError(f"{relation(r.node)} is in the dbt manifest but not in {published}")
        counts = duck.execute(" union all ".join(
            f"select {i}, count(*) from {relation(r.node)}" for i, r in enumerate(relations))).fetchall()
        for i, n in counts:
            relations[i].duckdb_rows = n

        with psycopg.connect(dsn, autocommit=True, connect_timeout=10) as pg:
            pg.execute("select set_config('lock_timeout', %s, false)", [f"{int(lock_timeout_seconds * 1000)}ms"])
            pg.execute("select pg_advisory_lock(hashtext(%s))", [LOCK_KEY])  # released when pg closes
            ident = sql.Identifier

            # 1. shadow schemas, empty tables (committed, so the copy's own connection sees them)
            t0 = time.perf_counter()
            _drop_schemas(pg, [s + sfx for s in schemas for sfx in (SHADOW, OLD)])
            with pg.transaction():
                for s in schemas:
                    pg.execute(sql.SQL("CREATE SCHEMA {}").format(ident(s + SHADOW)))
                for r in relations:
                    pg.execute(sql.SQL("CREATE TABLE {}.{} ({})").format(
                        ident(r.schema + SHADOW), ident(r.name),
                        sql.SQL(", ").join(sql.SQL("{} {}").format(ident(c), sql.SQL(pg_type(t)))
                                           for c, t in r.columns)))
            timings["create_seconds"] = time.perf_counter() - t0

            # 2. rows: DuckDB's postgres extension, binary COPY, one PostgreSQL transaction
            t0 = time.perf_counter()
            log(f"copying {len(relations)} relations of {', '.join(schemas)} into {'/'.join(schemas)}{SHADOW}")
            duck.execute(f"LOAD {_quote(str(postgres_extension()))}")
            duck.execute(f"ATTACH {_quote(dsn)} AS pg (TYPE postgres)")
            duck.execute("BEGIN")
            for r in relations:
                columns = ", ".join(f'"{c}"' for c, _ in r.columns)
                duck.execute(f'INSERT INTO pg."{r.schema}{SHADOW}"."{r.name}" ({columns}) '
                             f"SELECT {columns} FROM {relation(r.node)}")
            duck.execute("COMMIT")
            duck.execute("DETACH pg")
            timings["copy_seconds"] = time.perf_counter() - t0
            if _after_load is not None:  # tests: fail or stall here, between load and switch
                _after_load(pg)

            # keys, comments, statistics; then check every row arrived
            t0 = time.perf_counter()
            with pg.transaction():
                for r in relations:
                    table = sql.SQL("{}.{}").format(ident(r.schema + SHADOW), ident(r.name))
                    key = primary_key(r.node, nodes)
                    if key:
                        pg.execute(sql.SQL("ALTER TABLE {} ADD PRIMARY KEY ({})").format(
                            table, sql.SQL(", ").join(map(ident, key))))
                    if r.description():
                        pg.execute(sql.SQL("COMMENT ON TABLE {} IS {}").format(table, sql.Literal(r.description())))
                    for c, _ in r.columns:
                        if r.description(c):
                            pg.execute(sql.SQL("COMMENT ON COLUMN {}.{} IS {}").format(
                                table, ident(c), sql.Literal(r.description(c))))
            pg.execute(sql.SQL("ANALYZE {}").format(sql.SQL(", ").join(
                sql.SQL("{}.{}").format(ident(r.schema + SHADOW), ident(r.name)) for r in relations)))
            got = pg.execute(sql.SQL(" union all ").join(
                sql.SQL("select {}::int, count(*) from {}.{}").format(sql.Literal(i), ident(r.schema + SHADOW),
                                                                       ident(r.name))
                for i, r in enumerate(relations))).fetchall()
            wrong = [f"{relations[i].schema}.{relations[i].name}: {n} rows, DuckDB {relations[i].duckdb_rows}"
                     for i, n in got if n != relations[i].duckdb_rows]
            if wrong:
                raise MirrorError("row counts differ after the copy: " + "; ".join(wrong))
            timings["keys_comments_seconds"] = time.perf_counter() - t0

            # 3. the switch: one transaction
            t0 = time.perf_counter()
            reader = pg.execute("select 1 from pg_roles where rolname = %s", [READER_ROLE]).fetchone()
            with pg.transaction():
                for s in schemas:
                    pg.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(ident(s + OLD)))
                    if pg.execute("select 1 from pg_namespace where nspname = %s", [s]).fetchone():
                        pg.execute(sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(ident(s), ident(s + OLD)))
                    pg.execute(sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(ident(s + SHADOW), ident(s)))
                    if reader:
                        pg.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(ident(s), ident(READER_ROLE)))
                        pg.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(
                            ident(s), ident(READER_ROLE)))
            timings["switch_seconds"] = time.perf_counter() - t0
            if not reader:
                log(f"role {READER_ROLE} does not exist on the target: nothing granted (create it to read)")

            # 4. the previous version; a long BI query on it may hold it: then the next run drops it
            try:
                _drop_schemas(pg, [s + OLD for s in schemas])
            except psycopg.errors.LockNotAvailable:
                log(f"previous version ({', '.join(s + OLD for s in schemas)}) still in use; the next mirror drops it")
    finally:
        duck.close()
    rows = sum(r.duckdb_rows for r in relations)
    return {"relations": len(relations), "rows": rows, "schemas": schemas,
            "seconds": round(time.perf_counter() - started, 3),
            **{k: round(v, 3) for k, v in timings.items()}}


def _drop_schemas(pg, names: list[str]) -> None:
    from psycopg import sql

    with pg.transaction():
        for name in names:
            pg.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))


# ---------------------------------------------------------------- the asset
@asset(
    key=MIRROR_ASSET_KEY,
    group_name="publish",
    owners=OWNERS,
    deps=[PUBLISHED_ASSET_KEY],
    description=(
        "Mirrors the published warehouse's marts and reports into PostgreSQL for BI tools "
        "(BOGOTA_POSTGRES_DSN, or the local server of `make serve`), switching atomically. "
        f"Without a target it does nothing ({SKIPPED}). DuckDB stays the system of record: "
        "a failed mirror fails the run after the DuckDB publish, and PostgreSQL keeps its previous version."
    ),
)
def postgres_mirror(context: AssetExecutionContext, warehouse: Warehouse) -> MaterializeResult:
    target = postgres_target(warehouse)
    if target is None:
        progress(context, f"postgres mirror {SKIPPED} (set BOGOTA_POSTGRES_DSN or run `make serve`)")
        return MaterializeResult(metadata={"status": SKIPPED})
    dsn, source = target
    progress(context, f"mirroring {warehouse.published.name} into PostgreSQL: {source}")
    import duckdb
    import psycopg

    try:
        stats = mirror_warehouse(warehouse.published, dsn, log=lambda m: progress(context, m))
    except (MirrorError, psycopg.Error, duckdb.Error, OSError) as exc:
        raise Failure(
            description=(f"PostgreSQL mirror failed ({source}): {redact(str(exc).strip())}\n"
                         f"The DuckDB warehouse WAS published ({warehouse.published}); PostgreSQL still "
                         "serves its previous version."),
            metadata={"stage": "postgres mirror", "published": MetadataValue.path(str(warehouse.published))},
        ) from None  # the cause is in the description, redacted: a DSN may carry a password
    progress(context, f"postgres mirror: {stats['relations']} relations, {stats['rows']} rows "
                      f"in {stats['seconds']}s (copy {stats['copy_seconds']}s)")
    return MaterializeResult(metadata={"status": "mirrored", "target": source, **{
        k: v for k, v in stats.items() if k != "schemas"}, "schemas": ", ".join(stats["schemas"])})
