-- Organogram CSVs were files on the old site's own web server; they moved to S3 under legacy/,
-- keeping their path. Only active CSV resources of datasets with one of the two organogram schemas
-- (local authority, departmental) move. The bucket is the one data.gov.uk's conversion named.
--
-- data.gov.uk's own statement joined on resource.package_id, which does not exist before CKAN 074
-- (and so changed nothing); here the dataset is found through the resource group, as at 071.

-- ferry:capture files: SELECT count(*) FROM resource r JOIN resource_group g ON g.id = r.resource_group_id JOIN package_extra e ON e.package_id = g.package_id WHERE e.key = 'schema-vocabulary' AND e.value IN ('["538b857a-64ba-490e-8440-0e32094a28a7"]', '["d3c0b23f-6979-45e4-88ed-d2ab59b005d0"]') AND r.url LIKE 'https://data.gov.uk/sites/default/files/organogram/%' AND r.state = 'active' AND r.format = 'CSV'
-- ferry:capture moved_before: SELECT count(*) FROM resource WHERE url LIKE 'https://s3-eu-west-1.amazonaws.com/datagovuk-integration-ckan-organogram/legacy/%'

UPDATE resource AS r
SET url = 'https://s3-eu-west-1.amazonaws.com/datagovuk-integration-ckan-organogram/legacy/'
          || substr(r.url, length('https://data.gov.uk/sites/default/files/') + 1)
FROM resource_group AS g
WHERE g.id = r.resource_group_id
  AND r.url LIKE 'https://data.gov.uk/sites/default/files/organogram/%'
  AND r.state = 'active'
  AND r.format = 'CSV'
  AND EXISTS (SELECT 1 FROM package_extra e
              WHERE e.package_id = g.package_id
                AND e.key = 'schema-vocabulary'
                AND e.value IN ('["538b857a-64ba-490e-8440-0e32094a28a7"]', '["d3c0b23f-6979-45e4-88ed-d2ab59b005d0"]'));

-- Every file that qualified moved, and nothing else did.
-- ferry:assert SELECT count(*) = :moved_before + :files FROM resource WHERE url LIKE 'https://s3-eu-west-1.amazonaws.com/datagovuk-integration-ckan-organogram/legacy/organogram/%'
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM resource r JOIN resource_group g ON g.id = r.resource_group_id JOIN package_extra e ON e.package_id = g.package_id WHERE e.key = 'schema-vocabulary' AND e.value IN ('["538b857a-64ba-490e-8440-0e32094a28a7"]', '["d3c0b23f-6979-45e4-88ed-d2ab59b005d0"]') AND r.url LIKE 'https://data.gov.uk/sites/default/files/organogram/%' AND r.state = 'active' AND r.format = 'CSV')
