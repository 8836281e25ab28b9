"""The mirror reproduces the DuckDB warehouse in PostgreSQL, and bi_reader can only read it."""
from __future__ import annotations

import shutil
from decimal import Decimal

import psycopg
import pytest
from psycopg import errors

from orchestration.dbt_assets import manifest, models_of_layer, relation
from orchestration.mirror import MIRRORED_LAYERS, SKIPPED, pg_type, primary_key


def mirrored_relations():
    return [(n["schema"], n.get("alias") or n["name"], n) for n in models_of_layer(*MIRRORED_LAYERS).values()]


def test_mirror_reproduces_the_warehouse(built_db, mirror, loader, duck):
    # Why: BI tools read PostgreSQL, not DuckDB; every mirrored relation must hold the same
    # rows, the amounts to the cent, the same column types (numeric/date, not float/text),
    # the dbt docs as comments and the keys the dbt tests declare.
    stats = mirror(built_db)
    pg = loader()
    rels = mirrored_relations()
    assert stats["relations"] == len(rels) > 0
    assert {"reports", "marts"} <= {s for s, _, _ in rels}
    for schema, name, node in rels:
        expected = duck(built_db, f"select count(*) from {relation(node)}")[0][0]
        got = pg.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
        assert got == expected, f"{schema}.{name}: {got} rows in PostgreSQL, {expected} in DuckDB"

    sums = "sum(cooperant_contribution_cop), sum(district_counterpart_cop), sum(total_value_cop)"
    in_duck = duck(built_db, f"select count(*), {sums} from reports.contributions")[0]
    in_pg = pg.execute(f"select count(*), {sums} from reports.contributions").fetchone()
    assert tuple(in_pg) == tuple(in_duck)
    assert all(isinstance(v, Decimal) for v in in_pg[1:])

    # types: every column maps from its DuckDB type; amounts numeric(18,2), dates date
    duck_types = {(s, t, c): typ for s, t, c, typ in duck(
        built_db, "select table_schema, table_name, column_name, data_type from information_schema.columns "
                  "where table_catalog = 'published' and table_schema in ('reports', 'marts')")}
    pg_types = {(s, t, c): typ for s, t, c, typ in pg.execute(
        "select table_schema, table_name, column_name, format_type(a.atttypid, a.atttypmod) "
        "from information_schema.columns ic join pg_attribute a on a.attrelid = format('%I.%I', table_schema, "
        "table_name)::regclass and a.attname = ic.column_name where table_schema in ('reports', 'marts')").fetchall()}
    assert set(pg_types) == set(duck_types)
    long_names = {"timestamp": "timestamp without time zone", "timestamptz": "timestamp with time zone"}
    for key, typ in duck_types.items():
        assert pg_types[key] == long_names.get(pg_type(typ), pg_type(typ)), key
    assert pg_types[("reports", "contributions", "total_value_cop")] == "numeric(18,2)"
    assert pg_types[("reports", "contributions", "cooperant_contribution_cop")] == "numeric(18,2)"
    assert "date" in {typ for (s, _, _), typ in pg_types.items() if s == "marts"}
    assert not {typ for typ in pg_types.values() if typ in ("double precision", "real", "character varying")}

    # comments from the dbt descriptions
    for schema, name, node in rels:
        table_comment = pg.execute("select obj_description((quote_ident(%s) || '.' || quote_ident(%s))::regclass, 'pg_class')",
                                   [schema, name]).fetchone()[0]
        assert table_comment == node["description"].strip(), f"{schema}.{name}"
        comments = dict(pg.execute(
            "select a.attname, col_description(a.attrelid, a.attnum) from pg_attribute a "
            "where a.attrelid = (quote_ident(%s) || '.' || quote_ident(%s))::regclass and a.attnum > 0", [schema, name]).fetchall())
        for column, spec in node["columns"].items():
            if spec.get("description") and column in comments:
                assert comments[column] == spec["description"].strip(), f"{schema}.{name}.{column}"

    # primary keys where the dbt tests declare one (every report view does)
    nodes = manifest()["nodes"]
    for schema, name, node in rels:
        key = primary_key(node, nodes)
        got = pg.execute(
            "select array_agg(a.attname::text order by k.ord) from pg_constraint c "
            "cross join unnest(c.conkey) with ordinality k(attnum, ord) "
            "join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum "
            "where c.contype = 'p' and c.conrelid = (quote_ident(%s) || '.' || quote_ident(%s))::regclass",
            [schema, name]).fetchone()[0]
        assert got == key, f"{schema}.{name}: primary key {got}, dbt tests declare {key}"
        if schema == "reports":
            assert key, f"reports.{name} declares no key in its dbt tests"


def test_bi_reader_can_only_read_reports_and_marts(built_db, mirror, loader, reader, pg_server):
    # Why: BI tools log in as bi_reader; it must read the two served schemas and nothing
    # else: no writes, no DDL anywhere, no peek into the loader's shadow/old schemas; and the
    # grants must survive the schema switch of every nightly mirror.
    mirror(built_db)
    owner = loader()
    # what a killed mirror leaves behind, and a loader-only schema
    for schema in ("reports__next", "marts__old", "loader_internal"):
        owner.execute(f'create schema if not exists "{schema}"')
        owner.execute(f'create table if not exists "{schema}".contributions as select 1 as x')
    r = reader()
    assert r.execute("select current_user").fetchone()[0] == "bi_reader"

    def refused(statement: str, read_only: str = "off") -> None:
        expected = errors.InsufficientPrivilege if read_only == "off" else errors.ReadOnlySqlTransaction
        with pytest.raises((errors.InsufficientPrivilege, expected)):
            r.execute(statement)

    for _ in range(2):  # before and after a second mirror
        for schema, name, _node in mirrored_relations():
            r.execute(f'select count(*) from "{schema}"."{name}"')
        for schema in ("reports__next", "marts__old", "loader_internal"):
            refused(f'select * from "{schema}".contributions')
        # the grants alone refuse writes, even with the session's read-only default turned off
        for read_only in ("on", "off"):
            r.execute(f"set default_transaction_read_only = {read_only}")
            refused("insert into reports.contributions (interaction_id) values ('T5-999')", read_only)
            refused("update marts.fct_contributions set total_value_cop = 0", read_only)
            refused("delete from reports.contributions", read_only)
            refused("delete from marts.fct_contributions", read_only)
            for schema in ("reports", "marts", "public"):
                refused(f"create table {schema}.intruder (x int)", read_only)
            refused("create temp table intruder (x int)", read_only)
            refused("create schema intruder", read_only)
        # the whole picture, set-based: schemas usable and tables writable by bi_reader
        usable = {s for (s,) in owner.execute(
            "select nspname from pg_namespace where has_schema_privilege('bi_reader', oid, 'USAGE') "
            "and nspname not in ('pg_catalog', 'information_schema')").fetchall()}
        assert usable == {"reports", "marts"}
        creatable = owner.execute(
            "select nspname from pg_namespace where has_schema_privilege('bi_reader', oid, 'CREATE')").fetchall()
        assert creatable == []
        writable = owner.execute(
            "select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            "where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') and ("
            "has_table_privilege('bi_reader', c.oid, 'INSERT') or has_table_privilege('bi_reader', c.oid, 'UPDATE') "
            "or has_table_privilege('bi_reader', c.oid, 'DELETE') or has_table_privilege('bi_reader', c.oid, 'TRUNCATE'))"
        ).fetchall()
        assert writable == []
        mirror(built_db)  # the second mirror drops the stale shadow schemas and switches again
        owner.execute('create schema if not exists "reports__next"')
        owner.execute('create table if not exists "reports__next".contributions as select 1 as x')
        owner.execute('create schema if not exists "marts__old"')
        owner.execute('create table if not exists "marts__old".contributions as select 1 as x')
    with pytest.raises(psycopg.OperationalError):  # and a wrong password is refused
        psycopg.connect(pg_server.reader_dsn().replace("password=", "password=x"), connect_timeout=5)


def test_asset_skips_without_target_and_finds_make_serve_server(built_db, pg_server, loader, monkeypatch):
    # Why: the nightly job must not fail on machines without PostgreSQL (the asset is a
    # no-op that says so), and must mirror into `make serve`'s server when there is one.
    from dagster import materialize

    from orchestration.mirror import postgres_mirror
    from orchestration.publish import Warehouse

    monkeypatch.delenv("BOGOTA_POSTGRES_DSN", raising=False)
    lonely = pg_server.data_dir.parent.parent / "elsewhere" / "bogota_cooperation.duckdb"
    lonely.parent.mkdir(exist_ok=True)
    result = materialize([postgres_mirror], resources={"warehouse": Warehouse(published_path=str(lonely))})
    assert result.success
    [mat] = result.asset_materializations_for_node("publish__postgres_mirror")
    assert mat.metadata["status"].value == SKIPPED

    published = pg_server.data_dir.parent / "bogota_cooperation.duckdb"  # beside its postgres/ folder
    shutil.copyfile(built_db, published)
    owner = loader()
    owner.execute("drop schema if exists reports cascade")
    result = materialize([postgres_mirror], resources={"warehouse": Warehouse(published_path=str(published))})
    assert result.success
    [mat] = result.asset_materializations_for_node("publish__postgres_mirror")
    assert mat.metadata["status"].value == "mirrored"
    assert owner.execute("select count(*) from reports.contributions").fetchone()[0] > 0
