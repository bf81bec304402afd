-- Replace the private flag by a state column, as CKAN did, and prove nothing was lost.
-- ferry:capture datasets: SELECT count(*) FROM dataset
-- ferry:capture private_ones: SELECT count(*) FROM dataset WHERE private
ALTER TABLE dataset ADD COLUMN state text NOT NULL DEFAULT 'active'
    CHECK (state IN ('active', 'private', 'deleted'));
UPDATE dataset SET state = 'private' WHERE private;
ALTER TABLE dataset DROP COLUMN private;
-- ferry:assert SELECT :datasets = (SELECT count(*) FROM dataset)
-- ferry:assert SELECT :private_ones = (SELECT count(*) FROM dataset WHERE state = 'private')
