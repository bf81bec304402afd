-- A CHECK (col IN (...)) on varchar is stored as = ANY (ARRAY[...]) with casts; written either way,
-- or made again by a diff, it must compare equal so that the diff settles. A second check changes.
CREATE TABLE ticket (id integer, state varchar(10) CONSTRAINT ticket_state_check CHECK (state IN ('open', 'closed')),
    kind varchar(10) CONSTRAINT ticket_kind_check CHECK (kind IN ('bug', 'task')));
