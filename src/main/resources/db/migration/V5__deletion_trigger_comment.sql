-- V3's comment on backup_record_deletions() names a class that does not exist; applied migrations
-- are never edited (Flyway checks their checksums), so the catalogue carries the correct pointer.
COMMENT ON FUNCTION backup_record_deletions() IS
    'Records deleted and truncated rows for incremental backups; the service puts its DELETE and TRUNCATE statement triggers on every backed-up table (io.careerdata.backup.SchemaCatalog). A restore switches it off with SET LOCAL careerdata.restoring = ''on''.';
