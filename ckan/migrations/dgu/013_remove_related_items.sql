-- Related items are not carried over (data.gov.uk dropped them after its upgrade: they blocked
-- deleting datasets). They are emptied here rather than dropped, so that CKAN's own step (core 083)
-- finds them empty and drops both tables as CKAN does.

-- ferry:capture related_items: SELECT count(*) FROM related
-- ferry:capture related_datasets: SELECT count(*) FROM related_dataset

DELETE FROM related_dataset;
DELETE FROM related;

-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM related) AND NOT EXISTS (SELECT 1 FROM related_dataset)
