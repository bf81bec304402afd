-- The old dataset form kept lists of resources in three extras; the new site shows resources
-- themselves, so the extras go. Their revision rows go with them (they point at the live rows).

-- ferry:capture extras: SELECT count(*) FROM package_extra
-- ferry:capture removed: SELECT count(*) FROM package_extra WHERE key IN ('individual_resources', 'additional_resources', 'timeseries_resources')

DELETE FROM package_extra_revision
WHERE continuity_id IN (SELECT id FROM package_extra
                        WHERE key IN ('individual_resources', 'additional_resources', 'timeseries_resources'));
DELETE FROM package_extra
WHERE key IN ('individual_resources', 'additional_resources', 'timeseries_resources');

-- ferry:assert SELECT count(*) = :extras - :removed FROM package_extra
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM package_extra WHERE key IN ('individual_resources', 'additional_resources', 'timeseries_resources'))
