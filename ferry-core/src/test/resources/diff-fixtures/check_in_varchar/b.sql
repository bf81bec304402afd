CREATE TABLE ticket (id integer, state varchar(10),
    kind varchar(10) CONSTRAINT ticket_kind_check CHECK (kind IN ('bug', 'task', 'idea')));
ALTER TABLE ticket ADD CONSTRAINT ticket_state_check
    CHECK (((state)::text = ANY ((ARRAY['open'::character varying, 'closed'::character varying])::text[])));
