-- data.gov.uk's CKAN had the continuity-id indexes of CKAN 079/080 early, and its conversion dropped
-- them because CKAN's own migrations create them unconditionally. Ferry's core 079/080 keep an
-- existing index when it is the same index, so rebuilding them is wasted time on a large catalog:
-- an index is dropped here only when it is not the one core expects (then core builds it right).

DO $$
DECLARE
    wanted text[][] := ARRAY[['idx_resource_continuity_id', 'resource_revision'],
                             ['idx_member_continuity_id', 'member_revision'],
                             ['idx_package_continuity_id', 'package_revision'],
                             ['idx_package_extra_continuity_id', 'package_extra_revision']];
    i int;
BEGIN
    FOR i IN 1 .. array_length(wanted, 1) LOOP
        IF EXISTS (SELECT 1 FROM pg_indexes
                   WHERE schemaname = current_schema() AND indexname = wanted[i][1]
                     AND (tablename <> wanted[i][2] OR indexdef NOT LIKE '% USING btree (continuity_id)')) THEN
            EXECUTE format('DROP INDEX %I', wanted[i][1]);
        END IF;
    END LOOP;
END
$$;

-- Each of the four is now either absent or exactly what core 079/080 expect.
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN ('idx_resource_continuity_id', 'idx_member_continuity_id', 'idx_package_continuity_id', 'idx_package_extra_continuity_id') AND (indexdef NOT LIKE '% USING btree (continuity_id)' OR tablename <> replace(replace(indexname, 'idx_', ''), '_continuity_id', '') || '_revision'))
