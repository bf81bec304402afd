-- CKAN 085: CKAN used to write activity.timestamp in the web server's local time and from 2.7 on
-- writes UTC. This step shifts every existing activity by (UTC - local time) to match, with the
-- offset taken from the clock of the machine running the upgrade, at a fixed instant that falls in
-- January 1970. It therefore does nothing where that machine runs in UTC, and where it does not,
-- the shift depends on the machine rather than on the data (under Europe/London, which kept
-- summer time all through 1970, every activity moves back one hour, winter or summer).
--
-- What Ferry does: nothing. data.gov.uk's servers ran in UTC, so CKAN's step changed no row there,
-- and the database cannot tell Ferry which time zone some other site's web servers used. A site
-- that did record local time should shift its activities in a migration of its own, with the
-- zone it actually used, e.g. for Europe/London honouring summer time:
--     UPDATE activity SET "timestamp" = ("timestamp" AT TIME ZONE 'Europe/London') AT TIME ZONE 'UTC';

UPDATE migrate_version SET version = 85 WHERE repository_id = 'Ckan';
