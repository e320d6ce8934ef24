-- Statement statistics for GET /api/v1/data-management/database/slow-queries. The extension needs
-- its library in shared_preload_libraries to answer, and creating it needs rights the service's
-- user may lack (managed PostgreSQL: ask the provider): where it cannot be created the migration
-- goes on, and the API answers "available": false with how to enable it.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_stat_statements not created: %', SQLERRM;
END
$$;
