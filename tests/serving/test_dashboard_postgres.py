"""The dashboard's query set reads the PostgreSQL mirror (BOGOTA_POSTGRES_DSN) and gets what
it gets from the published DuckDB file; a new mirror changes the version key."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard import db
from dashboard.queries import DASHBOARD_QUERY_SET, SQL, params_for


def test_every_dashboard_query_reads_the_mirror_like_duckdb(built_db, mirror, pg_server):
    mirror(built_db)
    duck, pg = db.DuckDBSource(built_db), db.PostgresSource(pg_server.dsn())
    for name, params in DASHBOARD_QUERY_SET:
        p = params_for(name, params, 2024)
        a, _ = db.read(duck, SQL[name], p)
        b, _ = db.read(pg, SQL[name], p)
        assert list(a.columns) == list(b.columns), name
        assert len(a) == len(b), name
        for c in a.columns:
            if pd.api.types.is_numeric_dtype(a[c]) and pd.api.types.is_numeric_dtype(b[c]):
                assert float(a[c].sum()) == pytest.approx(float(b[c].sum()), abs=0.005), (name, c)


def test_a_new_mirror_changes_the_version_key(built_db, mirror, pg_server):
    mirror(built_db)
    pg = db.PostgresSource(pg_server.dsn())
    before = pg.version_key()
    mirror(built_db)
    assert pg.version_key() != before
    with pytest.raises(db.VersionChanged):
        pg.query("select 1 as x", {}, before)
