-- The harvester's own log, kept in the database when the site asks for it: the extension creates the
-- table (and the enum of its levels) on start-up when it is missing. Neither old shape has it.

DO $$
BEGIN
    IF to_regtype('log_level') IS NULL THEN
        CREATE TYPE log_level AS ENUM ('DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL');
    END IF;
END
$$;

CREATE TABLE IF NOT EXISTS harvest_log (
    id text NOT NULL,
    content text NOT NULL,
    level log_level,
    created timestamp without time zone,
    CONSTRAINT harvest_log_pkey PRIMARY KEY (id)
);

-- ferry:assert SELECT enum_range(NULL::log_level)::text = '{DEBUG,INFO,WARNING,ERROR,CRITICAL}'
-- ferry:assert SELECT to_regclass('harvest_log') IS NOT NULL
