-- The extra naming a dataset's data schema (organograms use it) is called schema-vocabulary on the
-- new site.

-- ferry:capture schemas: SELECT count(*) FROM package_extra WHERE key = 'schema'
-- ferry:capture vocabularies: SELECT count(*) FROM package_extra WHERE key = 'schema-vocabulary'

UPDATE package_extra SET key = 'schema-vocabulary' WHERE key = 'schema';

-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM package_extra WHERE key = 'schema')
-- ferry:assert SELECT count(*) = :schemas + :vocabularies FROM package_extra WHERE key = 'schema-vocabulary'
