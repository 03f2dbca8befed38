#!/bin/sh
# Basin's roles on the compose file's PostgreSQL. The postgres image runs this once, as the superuser
# postgres, when its volume is first initialised (docker-entrypoint-initdb.d). It can run again (every statement
# is idempotent): docker compose exec -e BASIN_DB_PASSWORD=... -e BASIN_READER_PASSWORD=... postgres \
#   sh /docker-entrypoint-initdb.d/basin-roles.sh
# A volume made by an older compose file, where basin was the superuser and no role postgres exists, needs
# a role postgres with superuser rights made first (as basin); this script then takes them from basin.
#
#   basin         owns database basin; not a superuser. Workers and `basin run/submit` log in as it.
#   basin_reader  what `basin sql` should log in as (BASIN_DB_USER=basin_reader): SELECT on Basin's tables
#                 and views only, read-only transactions by default, a statement timeout, owns nothing.
# Passwords come from BASIN_DB_PASSWORD and BASIN_READER_PASSWORD; psql quotes them (:'var').
set -eu
: "${BASIN_DB_PASSWORD:?set BASIN_DB_PASSWORD}"
: "${BASIN_READER_PASSWORD:?set BASIN_READER_PASSWORD}"

psql -v ON_ERROR_STOP=1 --username postgres --dbname postgres \
     -v basin_password="$BASIN_DB_PASSWORD" -v reader_password="$BASIN_READER_PASSWORD" <<'SQL'
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'basin') THEN CREATE ROLE basin; END IF; END $$;
ALTER ROLE basin LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'basin_password';
\set ON_ERROR_STOP 0
CREATE DATABASE basin OWNER basin;
\set ON_ERROR_STOP 1
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'basin_reader') THEN CREATE ROLE basin_reader; END IF; END $$;
ALTER ROLE basin_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS
    CONNECTION LIMIT 20 PASSWORD :'reader_password';
ALTER ROLE basin_reader SET default_transaction_read_only = on;
ALTER ROLE basin_reader SET statement_timeout = '60s';
ALTER ROLE basin_reader SET idle_in_transaction_session_timeout = '60s';

\connect basin
REVOKE ALL ON DATABASE basin FROM PUBLIC;
GRANT CONNECT ON DATABASE basin TO basin_reader;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO basin_reader;
-- Basin's first start creates its tables and views, as basin: the default privileges cover them. A run by
-- hand on a database Basin already migrated grants what exists too.
ALTER DEFAULT PRIVILEGES FOR ROLE basin IN SCHEMA public GRANT SELECT ON TABLES TO basin_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO basin_reader;
-- As the embedded stack does (dev.basin.infra.ReaderRole): no large-object writes or file imports, no
-- signals to other sessions, advisory locks for basin only (Flyway's migration lock).
DO $$
DECLARE f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'pg_catalog'
             AND (p.proname IN ('lo_create', 'lo_creat', 'lo_from_bytea', 'lo_import', 'lo_export', 'lo_unlink',
                                'lo_put', 'lowrite', 'lo_truncate', 'lo_truncate64',
                                'pg_terminate_backend', 'pg_cancel_backend')
                  OR p.proname LIKE 'pg%advisory%')
  LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'pg_catalog' AND p.proname LIKE 'pg%advisory%'
  LOOP
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO basin', f);
  END LOOP;
END $$;
SQL
