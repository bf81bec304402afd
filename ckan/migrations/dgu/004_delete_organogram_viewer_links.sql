-- Organogram datasets linked to the old site's organogram viewer, which the new site does not have:
-- the links are soft-deleted (state 'deleted'), not removed, as data.gov.uk did.

-- ferry:capture viewers: SELECT count(*) FROM resource WHERE description = 'Organogram viewer' AND state IS DISTINCT FROM 'deleted'
-- ferry:capture resources: SELECT count(*) FROM resource
-- ferry:capture deleted: SELECT count(*) FROM resource WHERE state = 'deleted'

UPDATE resource SET state = 'deleted' WHERE description = 'Organogram viewer';

-- ferry:assert SELECT count(*) = :resources FROM resource
-- ferry:assert SELECT count(*) = :deleted + :viewers FROM resource WHERE state = 'deleted'
